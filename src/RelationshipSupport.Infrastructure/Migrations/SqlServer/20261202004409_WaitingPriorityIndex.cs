using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationshipSupport.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class WaitingPriorityIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Referrals_Status_IsPriority_WaitingSinceUtc",
                table: "Referrals",
                columns: new[] { "Status", "IsPriority", "WaitingSinceUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Referrals_Status_IsPriority_WaitingSinceUtc",
                table: "Referrals");
        }
    }
}
