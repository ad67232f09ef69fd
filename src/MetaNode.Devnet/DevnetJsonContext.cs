using System.Text.Json;
using System.Text.Json.Serialization;
using MetaNode.Devnet.Chain;
using MetaNode.Devnet.Peers;

namespace MetaNode.Devnet;

/// <summary>Source-generated JSON for every message the devnet reads or writes (native-AOT safe).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(Block))]
[JsonSerializable(typeof(List<Block>))]
[JsonSerializable(typeof(Proposal))]
[JsonSerializable(typeof(Vote))]
[JsonSerializable(typeof(Commit))]
[JsonSerializable(typeof(PeerStatus))]
[JsonSerializable(typeof(MembershipUpdate))]
[JsonSerializable(typeof(PartitionRequest))]
[JsonSerializable(typeof(LatencyRequest))]
[JsonSerializable(typeof(FaultReport))]
[JsonSerializable(typeof(HealthReport))]
internal sealed partial class DevnetJsonContext : JsonSerializerContext;
