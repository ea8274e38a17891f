using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Insights.Analytics.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Annotations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "media_annotations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MediaAssetId = table.Column<long>(type: "INTEGER", nullable: false),
                    ModelVersion = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    LabelsJson = table.Column<string>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_media_annotations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_media_annotations_media_assets_MediaAssetId",
                        column: x => x.MediaAssetId,
                        principalTable: "media_assets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_media_annotations_MediaAssetId_ModelVersion",
                table: "media_annotations",
                columns: new[] { "MediaAssetId", "ModelVersion" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "media_annotations");
        }
    }
}
