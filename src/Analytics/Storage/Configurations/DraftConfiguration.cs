using Insights.Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Insights.Analytics.Storage.Configurations;

internal sealed class DraftConfiguration : IEntityTypeConfiguration<Draft>
{
    public void Configure(EntityTypeBuilder<Draft> builder)
    {
        builder.ToTable("drafts");
        builder.Property(d => d.UserId).HasMaxLength(200);
        builder.Property(d => d.FileName).HasMaxLength(400);
        builder.Property(d => d.Sha256).HasMaxLength(64);
        builder.Property(d => d.StoragePath).HasMaxLength(400);
        builder.Property(d => d.ContentType).HasMaxLength(100);
        builder.Property(d => d.ModelStamp).HasMaxLength(400);
        builder.HasIndex(d => new { d.UserId, d.ProfileId, d.CreatedUtc });
        builder.HasOne<Profile>().WithMany().HasForeignKey(d => d.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}
