using Insights.Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Insights.Analytics.Storage.Configurations;

internal sealed class MediaAssetConfiguration : IEntityTypeConfiguration<MediaAsset>
{
    public void Configure(EntityTypeBuilder<MediaAsset> builder)
    {
        builder.ToTable("media_assets");
        builder.Property(m => m.Sha256).HasMaxLength(64);
        builder.Property(m => m.ContentType).HasMaxLength(50);
        builder.HasIndex(m => m.Sha256).IsUnique();
        builder.Ignore(m => m.IsVideo);
    }
}

internal sealed class PostMediaConfiguration : IEntityTypeConfiguration<PostMedia>
{
    public void Configure(EntityTypeBuilder<PostMedia> builder)
    {
        builder.ToTable("post_media");
        builder.HasKey(pm => new { pm.PostId, pm.Position });
        builder.HasOne(pm => pm.Post).WithMany(p => p.Media).HasForeignKey(pm => pm.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(pm => pm.MediaAsset).WithMany().HasForeignKey(pm => pm.MediaAssetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(pm => pm.MediaAssetId);
    }
}
