using Insights.Analytics.Jobs;

namespace Insights.Analytics.Tests.Jobs;

public sealed class TrainingScheduleTests
{
    private static readonly JobOptions Options = new() { EarlyTrainingPosts = 50, RetrainGrowth = 2, LabelBatch = 200 };

    [Theory]
    [InlineData(0, 0, 50)]
    [InlineData(49, 0, 50)]
    [InlineData(50, 50, 100)]
    [InlineData(99, 50, 100)]
    [InlineData(420, 400, 800)]
    [InlineData(1471, 800, 1600)]
    public void Steps_Double_FromTheMinimum(int labelled, int reached, int next)
    {
        Assert.Equal(reached, TrainingSchedule.StepReached(labelled, Options));
        Assert.Equal(next, TrainingSchedule.NextStep(labelled, Options));
    }

    [Theory]
    [InlineData(49, null, false)]   // too few labelled posts for any model
    [InlineData(50, null, true)]    // the first model
    [InlineData(60, 50, false)]     // trained at this step already
    [InlineData(99, 55, false)]
    [InlineData(100, 55, true)]     // the labelled posts doubled
    [InlineData(430, 210, true)]
    [InlineData(430, 400, false)]
    [InlineData(430, int.MaxValue, false)] // a model trained on every label (before early training existed) is not redone while relabelling
    public void AModel_IsDue_OncePerStep(int labelled, int? trainedOn, bool due) =>
        Assert.Equal(due, TrainingSchedule.DueWhileLabelling(labelled, trainedOn, Options));

    [Theory]
    [InlineData(0, 50)]     // the first batch ends where the first model is due
    [InlineData(40, 10)]
    [InlineData(47, 10)]    // a few posts short of the step: ten files rather than three
    [InlineData(99, 10)]
    [InlineData(50, 50)]
    [InlineData(400, 200)]  // never more than a batch
    [InlineData(700, 100)]
    public void ABatch_EndsAtTheNextStep(int labelled, int batch) =>
        Assert.Equal(batch, TrainingSchedule.BatchSize(labelled, Options));

    [Fact]
    public void WithoutEarlyTraining_NothingIsDue_AndBatchesAreFull()
    {
        var off = new JobOptions { EarlyTrainingPosts = 0, LabelBatch = 200 };
        Assert.False(TrainingSchedule.DueWhileLabelling(10_000, null, off));
        Assert.Equal(200, TrainingSchedule.BatchSize(10_000, off));
    }
}
