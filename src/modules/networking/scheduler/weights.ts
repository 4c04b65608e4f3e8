// The objective the search minimises: one weighted sum whose weights keep the priorities.
// Each weight is at least 100 times the next one, more than any single swap can change the terms
// below it (for groups of up to about a dozen), so the search never buys a lower priority with a
// higher one:
//
//   apart pair in one group  >  "together" pair split  >  repeated encounter  >  same lab in a group
//   >  topic not chosen (thematic rounds)  >  uneven levels.
//
// Topic fit ranks above level mixing: in a thematic round the topic is the reason for the round,
// and "levels as evenly as the numbers allow" is read as: among those who chose the topic.
export const W_APART = 1e11;
export const W_TOGETHER = 1e9;
/** Per repeated encounter: a pair meeting k times (counting `met` as once) costs k(k−1)/2. */
export const W_REPEAT = 1e6;
/** Per pair of people of one lab in one group. */
export const W_LAB = 1e4;
/** Per person in a thematic round's group whose topic they did not choose (only people who chose one of the round's topics count). */
export const W_TOPIC = 100;
/** Per group and level: (people of that level)². Lowest when every level is spread evenly. */
export const W_LEVEL = 1;
