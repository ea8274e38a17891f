using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Insights.Analytics.Storage.Migrations
{
    /// <inheritdoc />
    public partial class CustomLabels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "custom_labels",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProfileId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Prototype = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CounterPrototype = table.Column<byte[]>(type: "BLOB", nullable: true),
                    Threshold = table.Column<double>(type: "REAL", nullable: false),
                    Examples = table.Column<int>(type: "INTEGER", nullable: false),
                    CounterExamples = table.Column<int>(type: "INTEGER", nullable: false),
                    ExampleRecall = table.Column<double>(type: "REAL", nullable: false),
                    CounterRejection = table.Column<double>(type: "REAL", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_custom_labels", x => x.Id);
                    table.ForeignKey(
                        name: "FK_custom_labels_profiles_ProfileId",
                        column: x => x.ProfileId,
                        principalTable: "profiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_custom_labels_ProfileId_Name",
                table: "custom_labels",
                columns: new[] { "ProfileId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "custom_labels");
        }
    }
}
