using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DxTracker.Web.Domain;
using DxTracker.Web.Features.Admin.Plans;

namespace DxTracker.Benchmarks.Import;

/// <summary>
/// What reading an uploaded workbook costs in memory (issue 12, finding 6): <c>dotnet DxTracker.Benchmarks.dll upload-read</c>
/// (or <c>scripts/bench.sh upload-read</c>). Two files: the zip bomb of the finding (about 2 MB whose shared strings
/// expand to 1.9 GB) and the largest workbook the check admits (its shared strings just under the 32 MB a part may
/// expand to). For each: the time, the bytes allocated and the process's peak working set after the read, through
/// <see cref="ResultsWorkbookReader.Read"/> (the check first, then the streaming read of the sheet).
/// </summary>
internal static class UploadedWorkbookMemory
{
    private static readonly WorkbookTarget Target = new("テスト市", null, new FiscalYear(2021), new FiscalYear(2025), NewPlan: true);

    /// <summary>Writes the files, then reads each in a process of its own, so that its peak is the read's alone.</summary>
    public static int Run()
    {
        var folder = Directory.CreateTempSubdirectory("dxtracker-upload-");
        try
        {
            var files = new (string Name, byte[] Content)[]
            {
                ("bomb (shared strings 1.9 GB)", Bomb(1_900)),
                ("largest admitted (shared strings 30 MB)", Largest(sharedMegabytes: 30)),
                ("small (shared strings 1 MB)", Largest(sharedMegabytes: 1)),
            };
            foreach (var (name, content) in files)
            {
                var path = Path.Combine(folder.FullName, $"{files.ToList().FindIndex(f => f.Name == name)}.xlsx");
                File.WriteAllBytes(path, content);
                var start = new ProcessStartInfo("dotnet", [typeof(UploadedWorkbookMemory).Assembly.Location, "upload-read-file", path]) { RedirectStandardOutput = true };
                using var child = Process.Start(BenchApp.AsTheAppRuns(start))!;
                var output = child.StandardOutput.ReadToEnd().Trim();
                child.WaitForExit();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: file {content.Length / 1048576.0:F2} MB, {output}"));
            }
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Reads one file (the child process of <see cref="Run"/>): time, bytes allocated, the process's peak working set.</summary>
    public static int ReadFile(string path)
    {
        var file = File.ReadAllBytes(path);
        using var process = Process.GetCurrentProcess();
        var peakBefore = process.PeakWorkingSet64;
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var (workbook, problems) = ResultsWorkbookReader.Read(file, Target);
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{clock.ElapsedMilliseconds} ms, allocated {allocated / 1048576.0:F0} MB, peak working set {peakBefore / 1048576.0:F0} MB before the read, {process.PeakWorkingSet64 / 1048576.0:F0} MB after; {(workbook is null ? (problems.Count > 0 ? problems[0].Message[..Math.Min(30, problems[0].Message.Length)] : null) : "read")}"));
        return 0;
    }

    /// <summary>One shared string of <paramref name="megabytes"/> MB of one letter: deflate shrinks it about a thousandfold.</summary>
    private static byte[] Bomb(int megabytes)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"u8.ToArray());
            using var part = zip.CreateEntry("xl/sharedStrings.xml", CompressionLevel.SmallestSize).Open();
            part.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><si><t>"u8);
            var chunk = Encoding.ASCII.GetBytes(new string('A', 1024 * 1024));
            for (var i = 0; i < megabytes; i++)
            {
                part.Write(chunk);
            }
            part.Write("</t></si></sst>"u8);
        }
        return buffer.ToArray();
    }

    /// <summary>A real workbook: the list sheet with four columns of shared strings, about <paramref name="sharedMegabytes"/> MB of them.</summary>
    private static byte[] Largest(int sharedMegabytes)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var strings = workbookPart.AddNewPart<SharedStringTablePart>();
            var text = string.Concat(Enumerable.Repeat("取組実績の記述（デジタル推進の取組）。", 12));
            var count = sharedMegabytes * 1024 * 1024 / (Encoding.UTF8.GetByteCount(text) + 30);
            using (var writer = OpenXmlWriter.Create(strings))
            {
                writer.WriteStartElement(new SharedStringTable());
                for (var i = 0; i < count; i++)
                {
                    writer.WriteElement(new SharedStringItem(new Text(string.Create(CultureInfo.InvariantCulture, $"{i}：{text}"))));
                }
                writer.WriteEndElement();
            }
            using (var writer = OpenXmlWriter.Create(sheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                for (var row = 0; row < count / 4; row++)
                {
                    writer.WriteStartElement(new Row { RowIndex = (uint)(row + 1) });
                    for (var column = 0; column < 4; column++)
                    {
                        writer.WriteElement(new Cell
                        {
                            CellReference = SheetCells.Reference(row + 1, column + 1),
                            DataType = CellValues.SharedString,
                            CellValue = new CellValue(((row * 4) + column).ToString(CultureInfo.InvariantCulture)),
                        });
                    }
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            workbookPart.Workbook.AppendChild(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = ResultsWorkbookReader.ListSheet }));
        }
        return buffer.ToArray();
    }

    private static void Write(ZipArchive zip, string name, byte[] content)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(content);
    }
}
