using Insights.Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Insights.Analytics.Storage.Configurations;

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> builder)
    {
        builder.ToTable("posts");
        builder.Property(p => p.PlatformPostId).HasMaxLength(200);
        builder.Property(p => p.MediaType).HasConversion<int>();
        // The upsert key of every import: re-importing an export updates, never duplicates.
        builder.HasIndex(p => new { p.ProfileId, p.PlatformPostId }).IsUnique();
        builder.HasIndex(p => new { p.ProfileId, p.PublishedUtc });
        builder.HasOne<Profile>().WithMany(p => p.Posts).HasForeignKey(p => p.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}
