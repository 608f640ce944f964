using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationshipSupport.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ImportsAndReportRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ExternalCaseId",
                table: "Referrals",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImportBatchId",
                table: "Referrals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ImportBatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    FileSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ImportedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ImportedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Referrals = table.Column<int>(type: "INTEGER", nullable: false),
                    People = table.Column<int>(type: "INTEGER", nullable: false),
                    Assessments = table.Column<int>(type: "INTEGER", nullable: false),
                    Sessions = table.Column<int>(type: "INTEGER", nullable: false),
                    Scores = table.Column<int>(type: "INTEGER", nullable: false),
                    SkippedCases = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportBatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportBatches_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReportRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubmissionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Style = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Provider = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Authors = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Introduction = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    ServiceModel = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Conclusions = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    RequestedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: true),
                    PageCount = table.Column<int>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportRuns_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ImportBatchId",
                table: "Referrals",
                column: "ImportBatchId");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ProgrammeId_ExternalCaseId",
                table: "Referrals",
                columns: new[] { "ProgrammeId", "ExternalCaseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImportBatches_FileSha256",
                table: "ImportBatches",
                column: "FileSha256",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImportBatches_ProgrammeId_ImportedAtUtc",
                table: "ImportBatches",
                columns: new[] { "ProgrammeId", "ImportedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportRuns_ProgrammeId_From_To_RequestedAtUtc",
                table: "ReportRuns",
                columns: new[] { "ProgrammeId", "From", "To", "RequestedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportRuns_Status",
                table: "ReportRuns",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_ReportRuns_SubmissionId",
                table: "ReportRuns",
                column: "SubmissionId",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Referrals_ImportBatches_ImportBatchId",
                table: "Referrals",
                column: "ImportBatchId",
                principalTable: "ImportBatches",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Referrals_ImportBatches_ImportBatchId",
                table: "Referrals");

            migrationBuilder.DropTable(
                name: "ImportBatches");

            migrationBuilder.DropTable(
                name: "ReportRuns");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_ImportBatchId",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_ProgrammeId_ExternalCaseId",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "ExternalCaseId",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "ImportBatchId",
                table: "Referrals");
        }
    }
}
