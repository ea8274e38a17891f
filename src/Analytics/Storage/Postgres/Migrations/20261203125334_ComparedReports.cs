using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Insights.Analytics.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ComparedReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CompareWith",
                table: "report_schedules",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CompareWith",
                table: "report_schedules");
        }
    }
}
