using Insights.Analytics.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Insights.Analytics.Storage.Configurations;

internal sealed class ReportScheduleConfiguration : IEntityTypeConfiguration<ReportSchedule>
{
    public void Configure(EntityTypeBuilder<ReportSchedule> builder)
    {
        builder.ToTable("report_schedules");
        builder.Property(s => s.Format).HasMaxLength(10);
        builder.Property(s => s.CreatedBy).HasMaxLength(200);
        builder.Property(s => s.CompareWith).HasMaxLength(200);
        builder.Property(s => s.Cadence).HasConversion<int>();
        builder.HasIndex(s => s.ProfileId);
        builder.HasOne<Profile>().WithMany().HasForeignKey(s => s.ProfileId).OnDelete(DeleteBehavior.Cascade);
    }
}
