using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Insights.Analytics.Storage.Migrations
{
    /// <inheritdoc />
    public partial class StructuredLabels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CustomLabelsVersion",
                table: "profiles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "LabelsVersion",
                table: "profiles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<float>(
                name: "AspectRatio",
                table: "media_annotations",
                type: "REAL",
                nullable: false,
                defaultValue: 0f);

            migrationBuilder.AddColumn<float>(
                name: "Brightness",
                table: "media_annotations",
                type: "REAL",
                nullable: false,
                defaultValue: 0f);

            migrationBuilder.AddColumn<float>(
                name: "Colourfulness",
                table: "media_annotations",
                type: "REAL",
                nullable: false,
                defaultValue: 0f);

            migrationBuilder.AddColumn<float>(
                name: "Contrast",
                table: "media_annotations",
                type: "REAL",
                nullable: false,
                defaultValue: 0f);

            migrationBuilder.AddColumn<string>(
                name: "DetailJson",
                table: "media_annotations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<float>(
                name: "DominantHue",
                table: "media_annotations",
                type: "REAL",
                nullable: true);

            migrationBuilder.AddColumn<float>(
                name: "DrawingScore",
                table: "media_annotations",
                type: "REAL",
                nullable: false,
                defaultValue: 0f);

            migrationBuilder.AddColumn<byte[]>(
                name: "Embedding",
                table: "media_annotations",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Faces",
                table: "media_annotations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "HasAnimal",
                table: "media_annotations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsDrawing",
                table: "media_annotations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "IsNsfw",
                table: "media_annotations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<float>(
                name: "NsfwScore",
                table: "media_annotations",
                type: "REAL",
                nullable: false,
                defaultValue: 0f);

            migrationBuilder.AddColumn<string>(
                name: "Objects",
                table: "media_annotations",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PeopleClass",
                table: "media_annotations",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PeopleCount",
                table: "media_annotations",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<float>(
                name: "Sharpness",
                table: "media_annotations",
                type: "REAL",
                nullable: false,
                defaultValue: 0f);

            migrationBuilder.AddColumn<float>(
                name: "TextArea",
                table: "media_annotations",
                type: "REAL",
                nullable: false,
                defaultValue: 0f);

            migrationBuilder.AddColumn<bool>(
                name: "TextPresent",
                table: "media_annotations",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_media_annotations_legacy",
                table: "media_annotations",
                column: "Id",
                filter: "\"LabelsJson\" IS NOT NULL AND \"PeopleClass\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_media_annotations_legacy",
                table: "media_annotations");

            migrationBuilder.DropColumn(
                name: "CustomLabelsVersion",
                table: "profiles");

            migrationBuilder.DropColumn(
                name: "LabelsVersion",
                table: "profiles");

            migrationBuilder.DropColumn(
                name: "AspectRatio",
                table: "media_annotations");

            migrationBuilder.DropColumn(
                name: "Brightness",
                table: "media_annotations");

            migrationBuilder.DropColumn(
                name: "Colourfulness",
                table: "media_annotations");

            migrationBuilder.DropColumn(
                name: "Contrast",
                table: "media_annotations");

            migrationBuilder.DropColumn(
                name: "DetailJson",
                table: "media_annotations");

            migrationBuilder.DropColumn(
                name: "DominantHue",
                table: "media_annotations");

            migrationBuilder.DropColumn(
                name: "DrawingScore",
                table: "media_annotations");

            migrationBuilder.DropColumn(
                name: "Embedding",
                table: "media_annotations");

            migrationBuilder.DropColumn(
                name: "Faces",
                table: "media_annotations");

            migrationBuilder.DropColumn(
                name: "HasAnimal",
                table: "media_annotations");

            migrationBuilder.DropColumn(
                name: "IsDrawing",
                table: "media_annotations");

            migrationBuilder.DropColumn(
                name: "IsNsfw",
                table: "media_annotations");

            migrationBuilder.DropColumn(
                name: "NsfwScore",
                table: "media_annotations");

            migrationBuilder.DropColumn(
                name: "Objects",
                table: "media_annotations");

            migrationBuilder.DropColumn(
                name: "PeopleClass",
                table: "media_annotations");

            migrationBuilder.DropColumn(
                name: "PeopleCount",
                table: "media_annotations");

            migrationBuilder.DropColumn(
                name: "Sharpness",
                table: "media_annotations");

            migrationBuilder.DropColumn(
                name: "TextArea",
                table: "media_annotations");

            migrationBuilder.DropColumn(
                name: "TextPresent",
                table: "media_annotations");
        }
    }
}
