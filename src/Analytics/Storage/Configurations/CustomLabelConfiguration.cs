using Insights.Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Insights.Analytics.Storage.Configurations;

internal sealed class CustomLabelConfiguration : IEntityTypeConfiguration<CustomLabel>
{
    public void Configure(EntityTypeBuilder<CustomLabel> builder)
    {
        builder.ToTable("custom_labels");
        builder.Property(l => l.Name).HasMaxLength(40);
        builder.Property(l => l.CreatedBy).HasMaxLength(200);
        builder.HasIndex(l => new { l.ProfileId, l.Name }).IsUnique();
        builder.HasOne<Profile>().WithMany().HasForeignKey(l => l.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}
