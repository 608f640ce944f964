using System.Text;
using RelationshipSupport.Application.Import;

namespace RelationshipSupport.Tests.Import;

/// <summary>Reading the CSV itself: line numbers as an editor counts them, header problems, encoding.</summary>
public sealed class ImportFileReaderTests
{
    private static ImportFileReader.Parsed Read(string text) => ImportFileReader.Read(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Lines_are_counted_as_an_editor_counts_them_even_after_a_cell_over_two_lines_and_a_blank_line()
    {
        var parsed = Read("\uFEFFrecord,case_id,reason\r\nreferral,A1,\"two\nlines\"\r\n\r\nperson,A1,\r\n,,\r\nperson,A2,\r\n");

        Assert.Empty(parsed.Errors);
        Assert.Equal([(2, "A1"), (5, "A1"), (7, "A2")], parsed.Rows.Select(r => (r.Line, r.CaseId!)));
        Assert.Equal("two\nlines", parsed.Rows[0][ImportColumns.Reason]);
        Assert.Null(parsed.Rows[1][ImportColumns.Reason]);
    }

    [Fact]
    public void An_unknown_or_repeated_column_and_a_missing_case_id_column_are_reported_on_line_1()
    {
        var parsed = Read("record,recieved_date,record\r\nreferral,2025-01-01,x\r\n");

        Assert.Equal(
        [
            "line 1 (header): unknown column \"recieved_date\" (the columns are listed in docs/import-format.md)",
            "line 1 (header): the column \"record\" appears 2 times",
            "line 1 (header): the column \"case_id\" is missing",
        ], parsed.Errors.Select(e => e.Text));
    }

    [Fact]
    public void A_row_with_more_cells_than_columns_and_a_file_that_is_not_utf8_are_refused()
    {
        Assert.Equal(["line 3: the row has 3 cells but the header names 2 columns"],
            Read("record,case_id\r\nreferral,A1\r\nperson,A1,extra\r\n").Errors.Select(e => e.Text));
        Assert.StartsWith("The file is not UTF-8 text",
            ImportFileReader.Read([0x72, 0x65, 0xE9, 0x0D, 0x0A]).Errors.Single().Text, StringComparison.Ordinal);
    }
}
