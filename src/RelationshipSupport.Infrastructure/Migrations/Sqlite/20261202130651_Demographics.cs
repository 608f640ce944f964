using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RelationshipSupport.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Demographics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Employment",
                table: "ReferralPeople",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HighestQualification",
                table: "ReferralPeople",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MaritalStatus",
                table: "ReferralPeople",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RelationshipLengthYears",
                table: "ReferralPeople",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Employment",
                table: "ReferralPeople");

            migrationBuilder.DropColumn(
                name: "HighestQualification",
                table: "ReferralPeople");

            migrationBuilder.DropColumn(
                name: "MaritalStatus",
                table: "ReferralPeople");

            migrationBuilder.DropColumn(
                name: "RelationshipLengthYears",
                table: "ReferralPeople");
        }
    }
}
