using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MetaNode.Operations.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TopologyDesigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TopologyDesignVersions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    App = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    SavedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DesignJson = table.Column<string>(type: "TEXT", nullable: false),
                    AppliedAtMs = table.Column<long>(type: "INTEGER", nullable: true),
                    AppliedBy = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TopologyDesignVersions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TopologyDesignVersions_App_Version",
                table: "TopologyDesignVersions",
                columns: new[] { "App", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TopologyDesignVersions");
        }
    }
}
