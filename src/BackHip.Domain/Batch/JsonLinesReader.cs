using System.Text;

namespace BackHip.Domain.Batch;

/// <summary>One input line: its 1-based number and text, or <see langword="null"/> text when it was too long to hold.</summary>
internal readonly record struct JsonLine(long Number, string? Text);

/// <summary>
/// Splits text into lines at line feeds only, as JSON Lines defines them: a carriage return just before a line feed is
/// dropped, a bare carriage return stays part of its line (so line numbers are those a person counts). A line longer
/// than the limit is read to its end without being held, and returned with <see langword="null"/> text.
/// </summary>
internal sealed class JsonLinesReader(TextReader reader, int maxChars)
{
    private readonly char[] _buffer = new char[16 << 10];
    private readonly StringBuilder _line = new();
    private int _position;
    private int _length;
    private bool _ended;
    private long _number;

    public async ValueTask<JsonLine?> ReadAsync(CancellationToken cancellationToken)
    {
        _line.Clear();
        var tooLong = false;
        var started = false;
        while (true)
        {
            if (_position == _length)
            {
                if (_ended)
                {
                    break;
                }

                _length = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                _position = 0;
                if (_length == 0)
                {
                    _ended = true;
                    break;
                }
            }

            started = true;
            var span = _buffer.AsSpan(_position, _length - _position);
            var feed = span.IndexOf('\n');
            var part = feed < 0 ? span : span[..feed];
            if (!tooLong)
            {
                if (_line.Length + part.Length > maxChars + 1)
                {
                    tooLong = true;
                    _line.Clear();
                }
                else
                {
                    _line.Append(part);
                }
            }

            _position += part.Length;
            if (feed >= 0)
            {
                _position++;
                return Finish(tooLong);
            }
        }

        return started ? Finish(tooLong) : null;
    }

    private JsonLine Finish(bool tooLong)
    {
        _number++;
        if (!tooLong && _line.Length > 0 && _line[^1] == '\r')
        {
            _line.Length--;
        }

        return new JsonLine(_number, tooLong || _line.Length > maxChars ? null : _line.ToString());
    }
}
