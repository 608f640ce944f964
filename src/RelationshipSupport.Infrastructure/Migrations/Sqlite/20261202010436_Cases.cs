using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationshipSupport.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Cases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "EndingKind",
                table: "Referrals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EndingNote",
                table: "Referrals",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EndingReason",
                table: "Referrals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReferrerSummarySentAtUtc",
                table: "Referrals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "TherapyOfferedAtUtc",
                table: "Referrals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IndividualAssessmentsForCouples",
                table: "Programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SupervisorUserId",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Assessments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: true),
                    AuthorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Mode = table.Column<int>(type: "INTEGER", nullable: true),
                    PresentingIssue = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RelationshipHistory = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Children = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ExpectationsAgreed = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Goals = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Recommendation = table.Column<int>(type: "INTEGER", nullable: true),
                    RecommendationNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SupervisorComments = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assessments_ReferralPeople_PersonId",
                        column: x => x.PersonId,
                        principalTable: "ReferralPeople",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assessments_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseTasks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    AssignedToUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DoneAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DoneByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseTasks_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RiskAlerts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceId = table.Column<int>(type: "INTEGER", nullable: true),
                    Area = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RaisedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RaisedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RaisedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SupervisorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AcknowledgedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcknowledgedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AcknowledgedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RiskAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RiskAlerts_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SessionExtensions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    ExtraSessions = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RequestedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionExtensions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionExtensions_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SupervisionRecords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SupervisorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    SupervisorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Points = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Actions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupervisionRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupervisionRecords_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TherapySessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    StartsAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    Mode = table.Column<int>(type: "INTEGER", nullable: false),
                    Venue = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    TherapistUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CoTherapistUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ClientsExpected = table.Column<int>(type: "INTEGER", nullable: false),
                    IsExtra = table.Column<bool>(type: "INTEGER", nullable: false),
                    Attendance = table.Column<int>(type: "INTEGER", nullable: true),
                    ClientsAttended = table.Column<int>(type: "INTEGER", nullable: true),
                    CancellationReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    AttendanceRecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AttendanceRecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ReminderSentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TherapySessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TherapySessions_AspNetUsers_CoTherapistUserId",
                        column: x => x.CoTherapistUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TherapySessions_AspNetUsers_TherapistUserId",
                        column: x => x.TherapistUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TherapySessions_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AssessmentRisk",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AssessmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Area = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssessmentRisk", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssessmentRisk_Assessments_AssessmentId",
                        column: x => x.AssessmentId,
                        principalTable: "Assessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseNotes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: true),
                    AuthorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EditedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseNotes_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseNotes_TherapySessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "TherapySessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseNoteAddenda",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseNoteId = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseNoteAddenda", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseNoteAddenda_CaseNotes_CaseNoteId",
                        column: x => x.CaseNoteId,
                        principalTable: "CaseNotes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_SupervisorUserId",
                table: "AspNetUsers",
                column: "SupervisorUserId");

            migrationBuilder.CreateIndex(
                name: "IX_AssessmentRisk_AssessmentId_Area",
                table: "AssessmentRisk",
                columns: new[] { "AssessmentId", "Area" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_PersonId",
                table: "Assessments",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_ReferralId_Kind_PersonId",
                table: "Assessments",
                columns: new[] { "ReferralId", "Kind", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_Status_SubmittedAtUtc",
                table: "Assessments",
                columns: new[] { "Status", "SubmittedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseNoteAddenda_CaseNoteId",
                table: "CaseNoteAddenda",
                column: "CaseNoteId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseNotes_ReferralId_CreatedAtUtc",
                table: "CaseNotes",
                columns: new[] { "ReferralId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseNotes_SessionId",
                table: "CaseNotes",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseTasks_AssignedToUserId_DoneAtUtc",
                table: "CaseTasks",
                columns: new[] { "AssignedToUserId", "DoneAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseTasks_ReferralId",
                table: "CaseTasks",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseTasks_SessionId_Kind",
                table: "CaseTasks",
                columns: new[] { "SessionId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RiskAlerts_ReferralId",
                table: "RiskAlerts",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_RiskAlerts_SupervisorUserId_AcknowledgedAtUtc",
                table: "RiskAlerts",
                columns: new[] { "SupervisorUserId", "AcknowledgedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionExtensions_ReferralId",
                table: "SessionExtensions",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionExtensions_Status_RequestedAtUtc",
                table: "SessionExtensions",
                columns: new[] { "Status", "RequestedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SupervisionRecords_ReferralId_HeldOn",
                table: "SupervisionRecords",
                columns: new[] { "ReferralId", "HeldOn" });

            migrationBuilder.CreateIndex(
                name: "IX_TherapySessions_CoTherapistUserId_StartsAtUtc",
                table: "TherapySessions",
                columns: new[] { "CoTherapistUserId", "StartsAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_TherapySessions_ReferralId_StartsAtUtc",
                table: "TherapySessions",
                columns: new[] { "ReferralId", "StartsAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_TherapySessions_ReminderSentAtUtc_StartsAtUtc",
                table: "TherapySessions",
                columns: new[] { "ReminderSentAtUtc", "StartsAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_TherapySessions_TherapistUserId_StartsAtUtc",
                table: "TherapySessions",
                columns: new[] { "TherapistUserId", "StartsAtUtc" });

            migrationBuilder.AddForeignKey(
                name: "FK_AspNetUsers_AspNetUsers_SupervisorUserId",
                table: "AspNetUsers",
                column: "SupervisorUserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AspNetUsers_AspNetUsers_SupervisorUserId",
                table: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "AssessmentRisk");

            migrationBuilder.DropTable(
                name: "CaseNoteAddenda");

            migrationBuilder.DropTable(
                name: "CaseTasks");

            migrationBuilder.DropTable(
                name: "RiskAlerts");

            migrationBuilder.DropTable(
                name: "SessionExtensions");

            migrationBuilder.DropTable(
                name: "SupervisionRecords");

            migrationBuilder.DropTable(
                name: "Assessments");

            migrationBuilder.DropTable(
                name: "CaseNotes");

            migrationBuilder.DropTable(
                name: "TherapySessions");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_SupervisorUserId",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "EndingKind",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "EndingNote",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "EndingReason",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "ReferrerSummarySentAtUtc",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "TherapyOfferedAtUtc",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "IndividualAssessmentsForCouples",
                table: "Programmes");

            migrationBuilder.DropColumn(
                name: "SupervisorUserId",
                table: "AspNetUsers");
        }
    }
}
