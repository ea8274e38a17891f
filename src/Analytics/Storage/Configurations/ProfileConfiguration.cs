using Insights.Analytics.Domain;
using Insights.Analytics.Profiles;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Insights.Analytics.Storage.Configurations;

internal sealed class ProfileConfiguration : IEntityTypeConfiguration<Profile>
{
    public void Configure(EntityTypeBuilder<Profile> builder)
    {
        builder.ToTable("profiles");
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.Platform).HasMaxLength(40);
        builder.Property(p => p.TimeZone).HasMaxLength(ProfileTimeZones.MaxLength);
        builder.HasIndex(p => p.Name).IsUnique();
    }
}
