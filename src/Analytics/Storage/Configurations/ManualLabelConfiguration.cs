using Insights.Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Insights.Analytics.Storage.Configurations;

internal sealed class ManualLabelConfiguration : IEntityTypeConfiguration<ManualLabel>
{
    public void Configure(EntityTypeBuilder<ManualLabel> builder)
    {
        builder.ToTable("manual_labels");
        builder.Property(l => l.Category).HasMaxLength(100);
        builder.Property(l => l.Value).HasMaxLength(200);
        builder.HasIndex(l => new { l.PostId, l.Category, l.Value }).IsUnique();
        builder.HasOne<Post>().WithMany(p => p.ManualLabels).HasForeignKey(l => l.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}
