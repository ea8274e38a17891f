namespace Insights.Dashboard.Tests;

public class SmokeTests
{
    [Fact]
    public void Assembly_Loads() => Assert.Equal("Insights.Dashboard", typeof(Program).Assembly.GetName().Name);
}
