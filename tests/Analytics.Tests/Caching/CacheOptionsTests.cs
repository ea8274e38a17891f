using Insights.Analytics.Caching;

namespace Insights.Analytics.Tests.Caching;

/// <summary>The cache budget: a setting is taken as given; without one it follows the memory the process may use, within bounds.</summary>
public sealed class CacheOptionsTests
{
    private const long MiB = 1024L * 1024L;

    [Theory]
    [InlineData(2L * 1024, 512)]          // a 2 GiB container: the floor
    [InlineData(8L * 1024, 1024)]         // 8 GiB: an eighth
    [InlineData(24L * 1024, 3072)]        // this kind of machine
    [InlineData(256L * 1024, 8192)]       // a large server: the ceiling
    public void WithoutASetting_TheBudgetIsAnEighthOfTheMemory_Within512MiBAnd8GiB(long availableMiB, long expectedMiB) =>
        Assert.Equal(expectedMiB * MiB, CacheOptions.BudgetFor(availableMiB * MiB));

    [Fact]
    public void ASetBudget_IsUsedAsGiven_AndNoneFollowsThisProcess()
    {
        Assert.Equal(64 * MiB, new CacheOptions { BudgetMegabytes = 64 }.BudgetBytes);
        Assert.Equal(CacheOptions.BudgetFor(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes), new CacheOptions().BudgetBytes);
    }
}
