// The topic of each group in a thematic round: the round's topic most of its members chose (ties:
// the one listed first). A group where nobody chose any gets the topic with the fewest groups yet.

export function labelGroups(themes: readonly string[], groups: readonly (readonly (readonly string[] | undefined)[])[]): string[] {
  const labels: (string | null)[] = groups.map((members) => {
    let best: string | null = null;
    let most = 0;
    for (const topic of themes) {
      const count = members.filter((topics) => topics?.includes(topic)).length;
      if (count > most) {
        best = topic;
        most = count;
      }
    }
    return best;
  });
  const used = new Map(themes.map((t) => [t, 0]));
  for (const label of labels) if (label !== null) used.set(label, used.get(label)! + 1);
  return labels.map((label) => {
    if (label !== null) return label;
    let fewest = themes[0]!;
    for (const topic of themes) if (used.get(topic)! < used.get(fewest)!) fewest = topic;
    used.set(fewest, used.get(fewest)! + 1);
    return fewest;
  });
}
