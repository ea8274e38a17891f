using Insights.Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Insights.Analytics.Storage.Configurations;

internal sealed class TaxonomyModelConfiguration : IEntityTypeConfiguration<TaxonomyModel>
{
    public void Configure(EntityTypeBuilder<TaxonomyModel> builder)
    {
        builder.ToTable("taxonomy_models");
        builder.Property(m => m.Category).HasMaxLength(100);
        builder.Property(m => m.Stamp).HasMaxLength(400);
        builder.Property(m => m.Reason).HasMaxLength(400);
        builder.HasIndex(m => new { m.ProfileId, m.Category }).IsUnique();
        builder.HasOne<Profile>().WithMany().HasForeignKey(m => m.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}
