using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Insights.Analytics.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ProfileTimeZone : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "profiles",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "profiles");
        }
    }
}
