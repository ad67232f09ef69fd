using System.Text.Json;

namespace MetaNode.Devnet.Chain;

/// <summary>
/// The blocks this node holds, genesis first. Not thread-safe: the owning
/// <see cref="Consensus.NodeRuntime"/> serializes access. With a data directory the chain is
/// appended to a JSON-lines file and reloaded at start, so a restarted node keeps its history.
/// </summary>
internal sealed class ChainStore
{
    private readonly List<Block> _blocks = [];
    private readonly Dictionary<string, Block> _byHash = new(StringComparer.Ordinal);
    private readonly string? _file;

    public ChainStore(long chainId, long genesisTimeMs, string? dataDirectory)
    {
        Append(Block.Genesis(chainId, genesisTimeMs), persist: false);
        if (dataDirectory is null)
        {
            return;
        }

        Directory.CreateDirectory(dataDirectory);
        _file = Path.Combine(dataDirectory, FormattableString.Invariant($"chain-{chainId}-{genesisTimeMs}.jsonl"));
        if (File.Exists(_file))
        {
            Load(_file);
        }
    }

    /// <summary>The newest block.</summary>
    public Block Head => _blocks[^1];

    /// <summary>The newest block's number.</summary>
    public long Height => _blocks.Count - 1;

    /// <summary>The block at <paramref name="number"/>, or null beyond the head.</summary>
    public Block? Get(long number) => number >= 0 && number < _blocks.Count ? _blocks[(int)number] : null;

    /// <summary>The block with <paramref name="hash"/>, or null.</summary>
    public Block? GetByHash(string hash) => _byHash.GetValueOrDefault(hash);

    /// <summary>Up to <paramref name="count"/> blocks from <paramref name="from"/> on.</summary>
    public IReadOnlyList<Block> Range(long from, int count)
    {
        if (from < 0 || from > Height || count <= 0)
        {
            return [];
        }

        return _blocks.GetRange((int)from, (int)Math.Min(count, _blocks.Count - from));
    }

    /// <summary>Adds the next block; it must extend the head.</summary>
    public void Append(Block block) => Append(block, persist: true);

    /// <summary>Replaces everything above <paramref name="ancestor"/> with <paramref name="blocks"/> (a fork switch).</summary>
    public void ReplaceAbove(long ancestor, IReadOnlyList<Block> blocks)
    {
        for (var i = _blocks.Count - 1; i > ancestor; i--)
        {
            _byHash.Remove(_blocks[i].Hash);
            _blocks.RemoveAt(i);
        }

        foreach (var block in blocks)
        {
            Append(block, persist: false);
        }

        Rewrite();
    }

    private void Append(Block block, bool persist)
    {
        if (_blocks.Count > 0 && (block.Number != Height + 1 || block.ParentHash != Head.Hash))
        {
            throw new InvalidOperationException($"block {block.Number} does not extend head {Height}");
        }

        _blocks.Add(block);
        _byHash[block.Hash] = block;
        if (persist && _file is not null)
        {
            File.AppendAllText(_file, JsonSerializer.Serialize(block, DevnetJsonContext.Default.Block) + "\n");
        }
    }

    private void Load(string file)
    {
        foreach (var line in File.ReadLines(file))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            Block? block;
            try
            {
                block = JsonSerializer.Deserialize(line, DevnetJsonContext.Default.Block);
            }
            catch (JsonException)
            {
                break; // a torn last line after a crash: keep what came before it
            }

            if (block is null || !block.IsHashValid() || block.Number != Height + 1 || block.ParentHash != Head.Hash)
            {
                break;
            }

            Append(block, persist: false);
        }
    }

    private void Rewrite()
    {
        if (_file is null)
        {
            return;
        }

        var temporary = _file + ".tmp";
        using (var writer = new StreamWriter(temporary))
        {
            foreach (var block in _blocks.Skip(1))
            {
                writer.WriteLine(JsonSerializer.Serialize(block, DevnetJsonContext.Default.Block));
            }
        }

        File.Move(temporary, _file, overwrite: true);
    }
}
