using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Insights.Analytics.Storage.Migrations
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
                type: "TEXT",
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
