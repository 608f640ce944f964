using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationshipSupport.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Outcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Instruments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Code = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    DefinitionJson = table.Column<string>(type: "nvarchar(400)", maxLength: 400, nullable: false),
                    IsBuiltIn = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    IsRetired = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Instruments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeInstruments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ProgrammeId = table.Column<int>(type: "int", nullable: false),
                    InstrumentCode = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Timepoint = table.Column<int>(type: "int", nullable: false),
                    SortOrder = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeInstruments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeInstruments_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QuestionnaireRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ReferralId = table.Column<int>(type: "int", nullable: false),
                    PersonId = table.Column<int>(type: "int", nullable: false),
                    Timepoint = table.Column<int>(type: "int", nullable: false),
                    SessionId = table.Column<int>(type: "int", nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    TokenHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    LinkExpiresAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LinkSentAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Mode = table.Column<int>(type: "int", nullable: true),
                    CompletedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    EnteredByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    EnteredByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    CancelledAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    FeedbackComment = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    MayQuoteFeedback = table.Column<bool>(type: "bit", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionnaireRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuestionnaireRequests_ReferralPeople_PersonId",
                        column: x => x.PersonId,
                        principalTable: "ReferralPeople",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_QuestionnaireRequests_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_QuestionnaireRequests_TherapySessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "TherapySessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "QuestionnaireResponses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RequestId = table.Column<int>(type: "int", nullable: false),
                    InstrumentId = table.Column<int>(type: "int", nullable: false),
                    InstrumentCode = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    SortOrder = table.Column<int>(type: "int", nullable: false),
                    SavedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionnaireResponses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuestionnaireResponses_Instruments_InstrumentId",
                        column: x => x.InstrumentId,
                        principalTable: "Instruments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_QuestionnaireResponses_QuestionnaireRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "QuestionnaireRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QuestionnaireAnswers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ResponseId = table.Column<int>(type: "int", nullable: false),
                    ItemNumber = table.Column<int>(type: "int", nullable: false),
                    Value = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionnaireAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuestionnaireAnswers_QuestionnaireResponses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "QuestionnaireResponses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QuestionnaireScores",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ResponseId = table.Column<int>(type: "int", nullable: false),
                    ScoreKey = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Value = table.Column<double>(type: "float", nullable: true),
                    ItemsAnswered = table.Column<int>(type: "int", nullable: false),
                    ItemsInScore = table.Column<int>(type: "int", nullable: false),
                    Prorated = table.Column<bool>(type: "bit", nullable: false),
                    IsClinical = table.Column<bool>(type: "bit", nullable: true),
                    Band = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionnaireScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuestionnaireScores_QuestionnaireResponses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "QuestionnaireResponses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Instruments_Code_Version",
                table: "Instruments",
                columns: new[] { "Code", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeInstruments_ProgrammeId_Timepoint_InstrumentCode",
                table: "ProgrammeInstruments",
                columns: new[] { "ProgrammeId", "Timepoint", "InstrumentCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireAnswers_ResponseId_ItemNumber",
                table: "QuestionnaireAnswers",
                columns: new[] { "ResponseId", "ItemNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireRequests_PersonId",
                table: "QuestionnaireRequests",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireRequests_ReferralId_Timepoint",
                table: "QuestionnaireRequests",
                columns: new[] { "ReferralId", "Timepoint" });

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireRequests_SessionId",
                table: "QuestionnaireRequests",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireRequests_Status_DueAtUtc",
                table: "QuestionnaireRequests",
                columns: new[] { "Status", "DueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireRequests_TokenHash",
                table: "QuestionnaireRequests",
                column: "TokenHash",
                unique: true,
                filter: "[TokenHash] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireResponses_InstrumentCode",
                table: "QuestionnaireResponses",
                column: "InstrumentCode");

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireResponses_InstrumentId",
                table: "QuestionnaireResponses",
                column: "InstrumentId");

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireResponses_RequestId_InstrumentId",
                table: "QuestionnaireResponses",
                columns: new[] { "RequestId", "InstrumentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireScores_ResponseId_ScoreKey",
                table: "QuestionnaireScores",
                columns: new[] { "ResponseId", "ScoreKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProgrammeInstruments");

            migrationBuilder.DropTable(
                name: "QuestionnaireAnswers");

            migrationBuilder.DropTable(
                name: "QuestionnaireScores");

            migrationBuilder.DropTable(
                name: "QuestionnaireResponses");

            migrationBuilder.DropTable(
                name: "Instruments");

            migrationBuilder.DropTable(
                name: "QuestionnaireRequests");
        }
    }
}
