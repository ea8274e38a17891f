using Insights.Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Insights.Analytics.Storage.Configurations;

internal sealed class RejectedSuggestionConfiguration : IEntityTypeConfiguration<RejectedSuggestion>
{
    public void Configure(EntityTypeBuilder<RejectedSuggestion> builder)
    {
        builder.ToTable("rejected_suggestions");
        builder.Property(s => s.Category).HasMaxLength(100);
        builder.Property(s => s.Value).HasMaxLength(200);
        builder.Property(s => s.RejectedBy).HasMaxLength(200);
        builder.HasIndex(s => new { s.PostId, s.Category, s.Value }).IsUnique();
        builder.HasOne<Post>().WithMany().HasForeignKey(s => s.PostId).OnDelete(DeleteBehavior.Cascade);
    }
}
