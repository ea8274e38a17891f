namespace Insights.Inference.Tests;

public class SmokeTests
{
    [Fact]
    public void Assembly_Loads() => Assert.Equal("Insights.Inference", typeof(Insights.Inference.Extensions.ServiceCollectionExtensions).Assembly.GetName().Name);
}
