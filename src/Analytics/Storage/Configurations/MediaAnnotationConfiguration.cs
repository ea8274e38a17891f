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
        builder.Property(a => a.PeopleClass).HasMaxLength(20);
        builder.Property(a => a.Objects).HasMaxLength(2000);
        // the labeler caps the text at 500 characters; the column leaves room
        builder.Property(a => a.OverlayText).HasMaxLength(1000);
        builder.Ignore(a => a.Values);
        // Finds the rows still stored as JSON at start without scanning the table once they are converted.
        builder.HasIndex(a => a.Id).HasFilter("\"LabelsJson\" IS NOT NULL AND \"PeopleClass\" IS NULL").HasDatabaseName("IX_media_annotations_legacy");
        // One row per asset and version: re-running a job is idempotent.
        builder.HasIndex(a => new { a.MediaAssetId, a.ModelVersion }).IsUnique();
        builder.HasOne<MediaAsset>().WithMany().HasForeignKey(a => a.MediaAssetId).OnDelete(DeleteBehavior.Cascade);
    }
}
