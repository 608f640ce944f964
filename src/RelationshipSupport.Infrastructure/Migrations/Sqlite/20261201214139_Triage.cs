using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationshipSupport.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Triage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Referrals_HubId",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_ReferralPeople_Email",
                table: "ReferralPeople");

            migrationBuilder.DropIndex(
                name: "IX_ReferralPeople_LastName",
                table: "ReferralPeople");

            migrationBuilder.AddColumn<DateTime>(
                name: "AllocatedAtUtc",
                table: "Referrals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AwaitingSupervisor",
                table: "Referrals",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClosedAtUtc",
                table: "Referrals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosureNote",
                table: "Referrals",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ClosureReason",
                table: "Referrals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsPriority",
                table: "Referrals",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PriorityReason",
                table: "Referrals",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WaitingSinceUtc",
                table: "Referrals",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmailKey",
                table: "ReferralPeople",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneKey",
                table: "ReferralPeople",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchFirstName",
                table: "ReferralPeople",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchLastName",
                table: "ReferralPeople",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "ContractEnd",
                table: "Programmes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ContractStart",
                table: "Programmes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportConclusions",
                table: "Programmes",
                type: "TEXT",
                maxLength: 8000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ReportIntroduction",
                table: "Programmes",
                type: "TEXT",
                maxLength: 8000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ReportServiceDescription",
                table: "Programmes",
                type: "TEXT",
                maxLength: 8000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "UnansweredAttemptsBeforeClosure",
                table: "Programmes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "Hubs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Availability",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "CaseCapacity",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedAtUtc",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Organisation",
                table: "AspNetUsers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaseAllocations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    TherapistUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Role = table.Column<int>(type: "INTEGER", nullable: false),
                    AllocatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AllocatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    EndedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseAllocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseAllocations_AspNetUsers_TherapistUserId",
                        column: x => x.TherapistUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CaseAllocations_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DuplicateReviews",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    OtherReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    Decision = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuplicateReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DuplicateReviews_Referrals_OtherReferralId",
                        column: x => x.OtherReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DuplicateReviews_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PanelMeetings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    MeetingDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Members = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ClinicalLeadName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelMeetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelMeetings_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProgrammeCriteria",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    HelpText = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProgrammeCriteria", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProgrammeCriteria_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReferralStatusChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    From = table.Column<int>(type: "INTEGER", nullable: false),
                    To = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferralStatusChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReferralStatusChanges_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Screenings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    OverrideByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    OverrideByName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    OverrideReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Screenings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Screenings_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SignpostingEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Area = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    Website = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    WhenToUse = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignpostingEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StaffAssignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ProgrammeId = table.Column<int>(type: "INTEGER", nullable: false),
                    HubId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StaffAssignments_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StaffAssignments_Hubs_HubId",
                        column: x => x.HubId,
                        principalTable: "Hubs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StaffAssignments_Programmes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "Programmes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PanelCases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PanelMeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    Decision = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PanelCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PanelCases_PanelMeetings_PanelMeetingId",
                        column: x => x.PanelMeetingId,
                        principalTable: "PanelMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PanelCases_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScreeningCriterionResult",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ScreeningId = table.Column<int>(type: "INTEGER", nullable: false),
                    CriterionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    CriterionText = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Met = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScreeningCriterionResult", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScreeningCriterionResult_ProgrammeCriteria_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "ProgrammeCriteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ScreeningCriterionResult_Screenings_ScreeningId",
                        column: x => x.ScreeningId,
                        principalTable: "Screenings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReferralSignposting",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReferralId = table.Column<int>(type: "INTEGER", nullable: false),
                    SignpostingEntryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferralSignposting", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReferralSignposting_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReferralSignposting_SignpostingEntries_SignpostingEntryId",
                        column: x => x.SignpostingEntryId,
                        principalTable: "SignpostingEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_HubId_Status_ReceivedAtUtc",
                table: "Referrals",
                columns: new[] { "HubId", "Status", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ProgrammeId_Status_IsPriority_WaitingSinceUtc",
                table: "Referrals",
                columns: new[] { "ProgrammeId", "Status", "IsPriority", "WaitingSinceUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ReferralPeople_EmailKey",
                table: "ReferralPeople",
                column: "EmailKey");

            migrationBuilder.CreateIndex(
                name: "IX_ReferralPeople_PhoneKey",
                table: "ReferralPeople",
                column: "PhoneKey");

            migrationBuilder.CreateIndex(
                name: "IX_ReferralPeople_SearchFirstName",
                table: "ReferralPeople",
                column: "SearchFirstName");

            migrationBuilder.CreateIndex(
                name: "IX_ReferralPeople_SearchLastName",
                table: "ReferralPeople",
                column: "SearchLastName");

            migrationBuilder.CreateIndex(
                name: "IX_ReferralPeople_SearchLastName_DateOfBirth",
                table: "ReferralPeople",
                columns: new[] { "SearchLastName", "DateOfBirth" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseAllocations_ReferralId",
                table: "CaseAllocations",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseAllocations_TherapistUserId_EndedAtUtc",
                table: "CaseAllocations",
                columns: new[] { "TherapistUserId", "EndedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_DuplicateReviews_OtherReferralId",
                table: "DuplicateReviews",
                column: "OtherReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_DuplicateReviews_ReferralId_OtherReferralId",
                table: "DuplicateReviews",
                columns: new[] { "ReferralId", "OtherReferralId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PanelCases_PanelMeetingId_ReferralId",
                table: "PanelCases",
                columns: new[] { "PanelMeetingId", "ReferralId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PanelCases_ReferralId",
                table: "PanelCases",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_PanelMeetings_ProgrammeId_MeetingDate",
                table: "PanelMeetings",
                columns: new[] { "ProgrammeId", "MeetingDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ProgrammeCriteria_ProgrammeId_Kind_SortOrder",
                table: "ProgrammeCriteria",
                columns: new[] { "ProgrammeId", "Kind", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_ReferralSignposting_ReferralId",
                table: "ReferralSignposting",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_ReferralSignposting_SignpostingEntryId",
                table: "ReferralSignposting",
                column: "SignpostingEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_ReferralStatusChanges_ReferralId_AtUtc",
                table: "ReferralStatusChanges",
                columns: new[] { "ReferralId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningCriterionResult_CriterionId",
                table: "ScreeningCriterionResult",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_ScreeningCriterionResult_ScreeningId",
                table: "ScreeningCriterionResult",
                column: "ScreeningId");

            migrationBuilder.CreateIndex(
                name: "IX_Screenings_ReferralId",
                table: "Screenings",
                column: "ReferralId");

            migrationBuilder.CreateIndex(
                name: "IX_SignpostingEntries_IsActive_Kind",
                table: "SignpostingEntries",
                columns: new[] { "IsActive", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_StaffAssignments_HubId",
                table: "StaffAssignments",
                column: "HubId");

            migrationBuilder.CreateIndex(
                name: "IX_StaffAssignments_ProgrammeId",
                table: "StaffAssignments",
                column: "ProgrammeId");

            migrationBuilder.CreateIndex(
                name: "IX_StaffAssignments_UserId_ProgrammeId_HubId",
                table: "StaffAssignments",
                columns: new[] { "UserId", "ProgrammeId", "HubId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseAllocations");

            migrationBuilder.DropTable(
                name: "DuplicateReviews");

            migrationBuilder.DropTable(
                name: "PanelCases");

            migrationBuilder.DropTable(
                name: "ReferralSignposting");

            migrationBuilder.DropTable(
                name: "ReferralStatusChanges");

            migrationBuilder.DropTable(
                name: "ScreeningCriterionResult");

            migrationBuilder.DropTable(
                name: "StaffAssignments");

            migrationBuilder.DropTable(
                name: "PanelMeetings");

            migrationBuilder.DropTable(
                name: "SignpostingEntries");

            migrationBuilder.DropTable(
                name: "ProgrammeCriteria");

            migrationBuilder.DropTable(
                name: "Screenings");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_HubId_Status_ReceivedAtUtc",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_ProgrammeId_Status_IsPriority_WaitingSinceUtc",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_ReferralPeople_EmailKey",
                table: "ReferralPeople");

            migrationBuilder.DropIndex(
                name: "IX_ReferralPeople_PhoneKey",
                table: "ReferralPeople");

            migrationBuilder.DropIndex(
                name: "IX_ReferralPeople_SearchFirstName",
                table: "ReferralPeople");

            migrationBuilder.DropIndex(
                name: "IX_ReferralPeople_SearchLastName",
                table: "ReferralPeople");

            migrationBuilder.DropIndex(
                name: "IX_ReferralPeople_SearchLastName_DateOfBirth",
                table: "ReferralPeople");

            migrationBuilder.DropColumn(
                name: "AllocatedAtUtc",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "AwaitingSupervisor",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "ClosedAtUtc",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "ClosureNote",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "ClosureReason",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "IsPriority",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "PriorityReason",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "WaitingSinceUtc",
                table: "Referrals");

            migrationBuilder.DropColumn(
                name: "EmailKey",
                table: "ReferralPeople");

            migrationBuilder.DropColumn(
                name: "PhoneKey",
                table: "ReferralPeople");

            migrationBuilder.DropColumn(
                name: "SearchFirstName",
                table: "ReferralPeople");

            migrationBuilder.DropColumn(
                name: "SearchLastName",
                table: "ReferralPeople");

            migrationBuilder.DropColumn(
                name: "ContractEnd",
                table: "Programmes");

            migrationBuilder.DropColumn(
                name: "ContractStart",
                table: "Programmes");

            migrationBuilder.DropColumn(
                name: "ReportConclusions",
                table: "Programmes");

            migrationBuilder.DropColumn(
                name: "ReportIntroduction",
                table: "Programmes");

            migrationBuilder.DropColumn(
                name: "ReportServiceDescription",
                table: "Programmes");

            migrationBuilder.DropColumn(
                name: "UnansweredAttemptsBeforeClosure",
                table: "Programmes");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Hubs");

            migrationBuilder.DropColumn(
                name: "Availability",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "CaseCapacity",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "DeactivatedAtUtc",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Organisation",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_HubId",
                table: "Referrals",
                column: "HubId");

            migrationBuilder.CreateIndex(
                name: "IX_ReferralPeople_Email",
                table: "ReferralPeople",
                column: "Email");

            migrationBuilder.CreateIndex(
                name: "IX_ReferralPeople_LastName",
                table: "ReferralPeople",
                column: "LastName");
        }
    }
}
