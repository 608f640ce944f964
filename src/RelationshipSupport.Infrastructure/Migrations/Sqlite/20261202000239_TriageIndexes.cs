using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationshipSupport.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TriageIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReferralPeople_SearchFirstName",
                table: "ReferralPeople");

            migrationBuilder.DropIndex(
                name: "IX_ReferralPeople_SearchLastName",
                table: "ReferralPeople");

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_ProgrammeId_Status_WaitingSinceUtc",
                table: "Referrals",
                columns: new[] { "ProgrammeId", "Status", "WaitingSinceUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Status_RiskFlag_ReceivedAtUtc",
                table: "Referrals",
                columns: new[] { "Status", "RiskFlag", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Status_WaitingSinceUtc",
                table: "Referrals",
                columns: new[] { "Status", "WaitingSinceUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ReferralPeople_SearchFirstName_ReferralId",
                table: "ReferralPeople",
                columns: new[] { "SearchFirstName", "ReferralId" });

            migrationBuilder.CreateIndex(
                name: "IX_ReferralPeople_SearchLastName_ReferralId",
                table: "ReferralPeople",
                columns: new[] { "SearchLastName", "ReferralId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Referrals_ProgrammeId_Status_WaitingSinceUtc",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_Status_RiskFlag_ReceivedAtUtc",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_Referrals_Status_WaitingSinceUtc",
                table: "Referrals");

            migrationBuilder.DropIndex(
                name: "IX_ReferralPeople_SearchFirstName_ReferralId",
                table: "ReferralPeople");

            migrationBuilder.DropIndex(
                name: "IX_ReferralPeople_SearchLastName_ReferralId",
                table: "ReferralPeople");

            migrationBuilder.CreateIndex(
                name: "IX_ReferralPeople_SearchFirstName",
                table: "ReferralPeople",
                column: "SearchFirstName");

            migrationBuilder.CreateIndex(
                name: "IX_ReferralPeople_SearchLastName",
                table: "ReferralPeople",
                column: "SearchLastName");
        }
    }
}
