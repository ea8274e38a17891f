using Insights.Analytics.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Insights.Analytics.Storage.Configurations;

internal sealed class BackgroundJobConfiguration : IEntityTypeConfiguration<BackgroundJob>
{
    public void Configure(EntityTypeBuilder<BackgroundJob> builder)
    {
        builder.ToTable("jobs");
        builder.Property(j => j.Kind).HasMaxLength(50);
        builder.Property(j => j.Title).HasMaxLength(300);
        builder.Property(j => j.Status).HasConversion<int>();
        builder.Property(j => j.QueuedKey).HasMaxLength(80);
        builder.HasIndex(j => new { j.Status, j.Id });
        // Null keys never collide (SQLite and PostgreSQL alike), so only waiting jobs that carry a key are unique.
        builder.HasIndex(j => j.QueuedKey).IsUnique();
        builder.HasIndex(j => j.FinishedUtc);
    }
}
