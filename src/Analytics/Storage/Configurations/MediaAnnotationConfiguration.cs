using Insights.Analytics.Annotations;
using Insights.Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Insights.Analytics.Storage.Configurations;

internal sealed class MediaAnnotationConfiguration : IEntityTypeConfiguration<MediaAnnotation>
{
    public void Configure(EntityTypeBuilder<MediaAnnotation> builder)
    {
        builder.ToTable("media_annotations");
        builder.Property(a => a.ModelVersion).HasMaxLength(300);
        builder.Property(a => a.Error).HasMaxLength(2000);
        // One row per asset and version: re-running a job is idempotent.
        builder.HasIndex(a => new { a.MediaAssetId, a.ModelVersion }).IsUnique();
        builder.HasOne<MediaAsset>().WithMany().HasForeignKey(a => a.MediaAssetId).OnDelete(DeleteBehavior.Cascade);
    }
}
