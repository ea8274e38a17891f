namespace Insights.Analytics.Tests;

public class SmokeTests
{
    [Fact]
    public void Assembly_Loads() => Assert.Equal("Insights.Analytics", typeof(Insights.Analytics.Extensions.ServiceCollectionExtensions).Assembly.GetName().Name);
}
