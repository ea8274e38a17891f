using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Insights.Analytics.Storage.Migrations
{
    /// <inheritdoc />
    public partial class JobLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseUntil",
                table: "jobs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "QueuedKey",
                table: "jobs",
                type: "TEXT",
                maxLength: 80,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_jobs_FinishedUtc",
                table: "jobs",
                column: "FinishedUtc");

            migrationBuilder.CreateIndex(
                name: "IX_jobs_QueuedKey",
                table: "jobs",
                column: "QueuedKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_jobs_FinishedUtc",
                table: "jobs");

            migrationBuilder.DropIndex(
                name: "IX_jobs_QueuedKey",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "jobs");

            migrationBuilder.DropColumn(
                name: "QueuedKey",
                table: "jobs");
        }
    }
}
