using Insights.Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Insights.Analytics.Storage.Configurations;

internal sealed class FollowerSnapshotConfiguration : IEntityTypeConfiguration<FollowerSnapshot>
{
    public void Configure(EntityTypeBuilder<FollowerSnapshot> builder)
    {
        builder.ToTable("follower_snapshots");
        builder.HasIndex(s => new { s.ProfileId, s.Date }).IsUnique();
        builder.HasOne<Profile>().WithMany(p => p.FollowerSnapshots).HasForeignKey(s => s.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}
