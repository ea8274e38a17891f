using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Insights.Dashboard.Accounts.Storage;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("ApiKeys");
        builder.Property(k => k.UserId).HasMaxLength(450);
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.Hash).HasMaxLength(64);
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.HasIndex(k => k.UserId);
    }
}

internal sealed class ProfileGrantConfiguration : IEntityTypeConfiguration<ProfileGrant>
{
    public void Configure(EntityTypeBuilder<ProfileGrant> builder)
    {
        builder.ToTable("ProfileGrants");
        builder.HasKey(g => new { g.UserId, g.ProfileId });
        builder.Property(g => g.UserId).HasMaxLength(450);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditLog");
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(40);
        builder.Property(a => a.Details).HasMaxLength(2000);
        builder.HasIndex(a => a.TimeUtc);
        builder.HasIndex(a => new { a.Action, a.TimeUtc });
    }
}
