using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationshipSupport.Infrastructure.Migrations.SqlServer
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
                type: "nvarchar(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImportBatchId",
                table: "Referrals",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ImportBatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ProgrammeId = table.Column<int>(type: "int", nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(260)", maxLength: 260, nullable: false),
                    FileSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ImportedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    ImportedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Referrals = table.Column<int>(type: "int", nullable: false),
                    People = table.Column<int>(type: "int", nullable: false),
                    Assessments = table.Column<int>(type: "int", nullable: false),
                    Sessions = table.Column<int>(type: "int", nullable: false),
                    Scores = table.Column<int>(type: "int", nullable: false),
                    SkippedCases = table.Column<int>(type: "int", nullable: false)
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SubmissionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ProgrammeId = table.Column<int>(type: "int", nullable: false),
                    Style = table.Column<int>(type: "int", nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    To = table.Column<DateOnly>(type: "date", nullable: false),
                    Provider = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Authors = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Summary = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false),
                    Introduction = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false),
                    ServiceModel = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false),
                    Conclusions = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false),
                    RequestedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    RequestedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Stage = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    StartedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CompletedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    FileName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Content = table.Column<byte[]>(type: "varbinary(max)", nullable: true),
                    PageCount = table.Column<int>(type: "int", nullable: true),
                    Error = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
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
                unique: true,
                filter: "[ExternalCaseId] IS NOT NULL");

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
