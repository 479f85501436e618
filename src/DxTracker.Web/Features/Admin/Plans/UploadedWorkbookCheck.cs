using System.IO.Compression;
using System.Xml;

namespace DxTracker.Web.Features.Admin.Plans;

/// <summary>
/// An uploaded .xlsx is hostile until checked, before the Open XML SDK loads any part of it: a zip "bomb" (a small file
/// whose parts expand to gigabytes) and XML with a DTD (entity expansion, external entities) are refused with a Japanese
/// message. Every part is decompressed through a counting stream and read by a streaming XmlReader with DTDs
/// prohibited, so the check itself holds at most one buffer at a time, whatever the file claims.
/// </summary>
public static class UploadedWorkbookCheck
{
    /// <summary>The most one part may expand to (a real 500-item report's largest part is about 3 MB).</summary>
    public const long MaxPartBytes = 32L * 1024 * 1024;

    /// <summary>The most all parts together may expand to.</summary>
    public const long MaxTotalBytes = 64L * 1024 * 1024;

    public const int MaxParts = 2_000;

    /// <summary>Why the workbook is refused, in Japanese; null when it may be opened.</summary>
    public static string? ProblemOf(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxParts)
            {
                return TooLarge;
            }
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                // The sizes the file declares are checked first (cheap), then the bytes it really expands to.
                if (entry.Length > MaxPartBytes || (total += entry.Length) > MaxTotalBytes)
                {
                    return TooLarge;
                }
            }
            var budget = new Budget(MaxTotalBytes);
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || e.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)))
            {
                using var part = new CountingStream(entry.Open(), MaxPartBytes, budget);
                using var reader = XmlReader.Create(part, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true });
                while (reader.Read())
                {
                }
            }
            return null;
        }
        catch (TooLargeException)
        {
            return TooLarge;
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return HasDtd;
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException or NotSupportedException)
        {
            return Unreadable;
        }
    }

    public const string TooLarge = "Excel ファイルの中身が大きすぎるため、取り込めません（展開すると 64 MB を超えます）。不正なファイルの可能性もあります。取り込む一覧だけを新しいブックに貼り付けて保存し直したファイルを選んでください。";

    public const string HasDtd = "Excel ファイルに、Excel が通常作らない定義（DTD）が含まれているため、取り込みません。不正なファイルの可能性があります。Excel で開いて保存し直したファイルを選んでください。";

    public const string Unreadable = "Excel ファイル（.xlsx）として読み取れません。Excel 97-2003 形式（.xls）の場合は、.xlsx 形式で保存し直してください。";

    private sealed class TooLargeException : Exception;

    /// <summary>What all parts together may still expand to.</summary>
    private sealed class Budget(long bytes)
    {
        public void Take(int count)
        {
            bytes -= count;
            if (bytes < 0)
            {
                throw new TooLargeException();
            }
        }
    }

    /// <summary>Reads a part, refusing once it expands past its own limit or the workbook's.</summary>
    private sealed class CountingStream(Stream inner, long limit, Budget budget) : Stream
    {
        private long read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            read += n;
            budget.Take(n);
            return read > limit ? throw new TooLargeException() : n;
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
