using Insights.Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Insights.Analytics.Storage.Configurations;

internal sealed class LabelSuggestionConfiguration : IEntityTypeConfiguration<LabelSuggestion>
{
    public void Configure(EntityTypeBuilder<LabelSuggestion> builder)
    {
        builder.ToTable("label_suggestions");
        builder.Property(s => s.Category).HasMaxLength(100);
        builder.Property(s => s.Value).HasMaxLength(200);
        builder.Property(s => s.ModelStamp).HasMaxLength(400);
        builder.HasIndex(s => new { s.ProfileId, s.Category });
        builder.HasIndex(s => new { s.PostId, s.Category, s.Value }).IsUnique();
        builder.HasOne<Post>().WithMany().HasForeignKey(s => s.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}
