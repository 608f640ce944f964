using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationshipSupport.Infrastructure.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DefinitionJson = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    IsBuiltIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsRetired = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Instruments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeInstruments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    InstrumentCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Timepoint = table.Column<int>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Timepoint = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LinkExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LinkSentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Mode = table.Column<int>(type: "INTEGER", nullable: true),
                    CompletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EnteredByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    EnteredByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CancelledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FeedbackComment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    MayQuoteFeedback = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    InstrumentId = table.Column<int>(type: "INTEGER", nullable: false),
                    InstrumentCode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    SavedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResponseId = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<int>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ResponseId = table.Column<int>(type: "INTEGER", nullable: false),
                    ScoreKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: true),
                    ItemsAnswered = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemsInScore = table.Column<int>(type: "INTEGER", nullable: false),
                    Prorated = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsClinical = table.Column<bool>(type: "INTEGER", nullable: true),
                    Band = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
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
                unique: true);

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
