using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Insights.Analytics.Storage.Migrations
{
    /// <inheritdoc />
    public partial class Taxonomy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "label_suggestions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProfileId = table.Column<int>(type: "INTEGER", nullable: false),
                    PostId = table.Column<long>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Confidence = table.Column<double>(type: "REAL", nullable: false),
                    ModelStamp = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_label_suggestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_label_suggestions_posts_PostId",
                        column: x => x.PostId,
                        principalTable: "posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "rejected_suggestions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PostId = table.Column<long>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RejectedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RejectedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rejected_suggestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_rejected_suggestions_posts_PostId",
                        column: x => x.PostId,
                        principalTable: "posts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "taxonomy_models",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProfileId = table.Column<int>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Stamp = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    TrainedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Head = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ValidationJson = table.Column<string>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_taxonomy_models", x => x.Id);
                    table.ForeignKey(
                        name: "FK_taxonomy_models_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_label_suggestions_PostId_Category_Value",
                table: "label_suggestions",
                columns: new[] { "PostId", "Category", "Value" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_label_suggestions_ProfileId_Category",
                table: "label_suggestions",
                columns: new[] { "ProfileId", "Category" });

            migrationBuilder.CreateIndex(
                name: "IX_rejected_suggestions_PostId_Category_Value",
                table: "rejected_suggestions",
                columns: new[] { "PostId", "Category", "Value" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_taxonomy_models_ProfileId_Category",
                table: "taxonomy_models",
                columns: new[] { "ProfileId", "Category" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "label_suggestions");

            migrationBuilder.DropTable(
                name: "rejected_suggestions");

            migrationBuilder.DropTable(
                name: "taxonomy_models");
        }
    }
}
