using Insights.Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Insights.Analytics.Storage.Configurations;

internal sealed class ImportRecordConfiguration : IEntityTypeConfiguration<ImportRecord>
{
    public void Configure(EntityTypeBuilder<ImportRecord> builder)
    {
        builder.ToTable("imports");
        builder.Property(i => i.FileName).HasMaxLength(400);
        builder.Property(i => i.Kind).HasConversion<int>();
        builder.Property(i => i.Status).HasConversion<int>();
        builder.HasIndex(i => new { i.ProfileId, i.StartedUtc });
        builder.HasOne<Profile>().WithMany().HasForeignKey(i => i.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}
