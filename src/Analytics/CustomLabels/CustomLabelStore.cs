using System.Text.RegularExpressions;
using Insights.Analytics.Domain;
using Insights.Analytics.Storage;
using Microsoft.EntityFrameworkCore;

namespace Insights.Analytics.CustomLabels;

/// <summary>Stores a profile's custom labels. Adding or deleting one bumps the profile's custom labels version in the same transaction, so every figure that uses labels is recomputed.</summary>
public sealed partial class CustomLabelStore(IDbContextFactory<InsightsDbContext> contextFactory, TimeProvider clock)
{
    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$")]
    private static partial Regex NamePattern();

    /// <summary>Why a name cannot be used, or null: lower-case letters, digits and underscores, starting with a letter, at most 40.</summary>
    public static string? NameProblem(string name) =>
        NamePattern().IsMatch(name) ? null : $"'{name}' is not a label name: use 1 to 40 lower-case letters, digits and underscores, starting with a letter (for example 'sunset' or 'flat_lay').";

    public async Task<List<CustomLabel>> ListAsync(int profileId, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        return await context.CustomLabels.AsNoTracking().Where(l => l.ProfileId == profileId).OrderBy(l => l.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Saves a fitted label; false when the profile already has a label of that name.</summary>
    public async Task<bool> AddAsync(int profileId, string name, CustomLabelFit fit, int examples, int counterExamples, string createdBy, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        if (await context.CustomLabels.AnyAsync(l => l.ProfileId == profileId && l.Name == name, cancellationToken))
            return false;
        context.CustomLabels.Add(new CustomLabel
        {
            ProfileId = profileId,
            Name = name,
            Prototype = CustomLabelFitter.ToBytes(fit.Prototype),
            CounterPrototype = fit.CounterPrototype is null ? null : CustomLabelFitter.ToBytes(fit.CounterPrototype),
            Threshold = fit.Threshold,
            Examples = examples,
            CounterExamples = counterExamples,
            ExampleRecall = fit.ExampleRecall,
            CounterRejection = fit.CounterRejection,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            CreatedBy = createdBy,
        });
        await context.SaveChangesAsync(cancellationToken);
        await context.MarkCustomLabelsChangedAsync(profileId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Deletes a label; false when there was none of that name.</summary>
    public async Task<bool> DeleteAsync(int profileId, string name, CancellationToken cancellationToken = default)
    {
        await using var context = await contextFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var deleted = await context.CustomLabels.Where(l => l.ProfileId == profileId && l.Name == name).ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
            await context.MarkCustomLabelsChangedAsync(profileId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted > 0;
    }
}
