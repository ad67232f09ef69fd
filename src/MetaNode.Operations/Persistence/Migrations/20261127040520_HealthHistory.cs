using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MetaNode.Operations.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class HealthHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Findings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    App = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    StartedAtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAtMs = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Findings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NodeMinutes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NodeId = table.Column<string>(type: "TEXT", maxLength: 192, nullable: false),
                    AtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<byte>(type: "INTEGER", nullable: false),
                    Height = table.Column<long>(type: "INTEGER", nullable: true),
                    Lag = table.Column<long>(type: "INTEGER", nullable: true),
                    LatencyMs = table.Column<double>(type: "REAL", nullable: true),
                    Peers = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NodeMinutes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NodeSamples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    NodeId = table.Column<string>(type: "TEXT", maxLength: 192, nullable: false),
                    AtMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<byte>(type: "INTEGER", nullable: false),
                    Height = table.Column<long>(type: "INTEGER", nullable: true),
                    Lag = table.Column<long>(type: "INTEGER", nullable: true),
                    LatencyMs = table.Column<double>(type: "REAL", nullable: true),
                    Peers = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NodeSamples", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_App_StartedAtMs",
                table: "Findings",
                columns: new[] { "App", "StartedAtMs" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_EndedAtMs",
                table: "Findings",
                column: "EndedAtMs");

            migrationBuilder.CreateIndex(
                name: "IX_NodeMinutes_AtMs",
                table: "NodeMinutes",
                column: "AtMs");

            migrationBuilder.CreateIndex(
                name: "IX_NodeMinutes_NodeId_AtMs",
                table: "NodeMinutes",
                columns: new[] { "NodeId", "AtMs" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NodeSamples_AtMs",
                table: "NodeSamples",
                column: "AtMs");

            migrationBuilder.CreateIndex(
                name: "IX_NodeSamples_NodeId_AtMs",
                table: "NodeSamples",
                columns: new[] { "NodeId", "AtMs" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Findings");

            migrationBuilder.DropTable(
                name: "NodeMinutes");

            migrationBuilder.DropTable(
                name: "NodeSamples");
        }
    }
}
