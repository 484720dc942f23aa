/**
 * Words that carry no information about which event an article covers:
 * English function words, reporting verbs, and calendar words (days and
 * months are capitalised but are not names). Plural forms are folded by the
 * tokeniser, so listing the singular is enough.
 */
export const STOPWORDS: readonly string[] = `
a about above across after afterwards again against ago all almost alone along already also although always am among amongst an and another any anyhow anyone anything anyway anywhere are around as at
back be became because become becomes becoming been before beforehand behind being below beside besides between beyond both but by
can cannot could did do does doing done down during each either else elsewhere enough etc even ever every everyone everything everywhere except
few first for former formerly from further get gets getting give given go going gone got had has have having he hence her here hereby herein hers herself him himself his how however
i ie if in indeed into is it its itself just last latter least less like made make many may me meanwhile might mine more moreover most mostly much must my myself
namely neither never nevertheless next no nobody none noone nor not nothing now nowhere of off often on once one only onto or other others otherwise our ours ourselves out over own
per perhaps put rather re really same say says said saying see seem seemed seeming seems several she should since so some somehow someone something sometime sometimes somewhere still such
take than that the their theirs them themselves then thence there thereafter thereby therefore therein thereupon these they this those though through throughout thru thus to together too toward towards
under until up upon us very via was we well were what whatever when whence whenever where whereafter whereas whereby wherein whereupon wherever whether which while whither who whoever whole whom whose why will with within without would
yet you your yours yourself yourselves
according added adding told tell tells telling reported reporting report reports asked announced statement statements spokesperson spokesman spokeswoman
mr mrs ms dr new news week weeks year years day days time times percent per cent including include includes
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight
january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
`.split(/\s+/).filter((w) => w.length > 0);
