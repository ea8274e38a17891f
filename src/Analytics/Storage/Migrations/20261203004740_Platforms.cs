using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Insights.Analytics.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Platforms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<double>(
                name: "AverageViewSeconds",
                table: "posts",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "AverageViewedPercent",
                table: "posts",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "FollowersGained",
                table: "posts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "WatchTimeSeconds",
                table: "posts",
                type: "REAL",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AverageViewSeconds",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "AverageViewedPercent",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "FollowersGained",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "WatchTimeSeconds",
                table: "posts");
        }
    }
}
