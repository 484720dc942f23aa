// Word lists for the synthetic corpus. Ordered roughly by how common the words are,
// because the generator picks with a skew towards the front of each list.
// Nothing here may contain `{` or `}`: the bare-Eleventy baseline runs Markdown through
// Liquid first (Eleventy's default), and braces would turn into template syntax.

const words = (s: string): readonly string[] => s.trim().split(/\s+/);

export const COMMON = words(`
the of and to a in that is was for on with as it by at said from his be have has
are which but not this had they were an their been its who also after more one two
would will there when about than over new other first into last year years some up
out all people government could over against while between during them since under
we can may before three time where week such most officials made according many
because people country state told week percent just month police leaders public
minister president former including both any second still national group report
day days later only even well those part where local support set come next what
city around plan should through political security early called city each work
several much back four five military economic talks world major deal per cent told
across law party power held long high whether expected among month following told
already say says meeting end health half country groups without however despite
put team children war help since office recent official trade court own announced
statement added forces use way week million billion least percent following decision
number interview region spokesman spokeswoman agency political move case efforts
economy crisis vote election members council market prices workers families schools
water energy climate rules policy budget companies company industry investors bank
rate rates growth data research study scientists hospital doctors patients virus
season match league players coach victory defeat final title record fans stadium
film music festival book artist museum exhibition audience show series award prize
border troops ceasefire peace attack strike missile drone protest protesters rally
village town capital province coast island river mountain north south east west
central northern southern eastern western residents community neighbours streets
building buildings road roads bridge airport station port train flights passengers
storm flood floods fire fires heat rain drought temperatures weather forecast
summit agreement treaty sanctions tariffs exports imports supply demand shortage
inflation jobs wages taxes spending debt deficit reform reforms bill parliament
senate congress lawmakers opposition coalition campaign candidate candidates voters
ballot results polls survey critics supporters analysts experts observers sources
reported confirmed denied warned urged called rejected accepted signed launched
opened closed raised cut increased fell rose dropped grew announced released
arrested charged sentenced killed injured wounded rescued evacuated displaced
delayed cancelled postponed approved blocked suspended resumed extended ended began
significant serious major minor key main final initial latest previous current
future historic unprecedented rare common growing rising falling strong weak
important difficult possible likely unlikely clear unclear broad narrow deep
`);

export const FIRST_NAMES = words(`
Maria James Li Wei Ahmed Fatima Olga Ivan Sofia Lucas Amara Kenji Aiko Priya Raj
Elena Mateo Chloe Hassan Noor Daniel Sarah Thomas Anna Pedro Lucia Omar Leila Jonas
Ingrid Kwame Ama Diego Camila Yusuf Zainab Pavel Irina Hiroshi Yuki Arjun Meera
Samuel Grace Erik Astrid Marco Giulia Tariq Salma Chen Mei Oleksandr Kateryna
`);

export const LAST_NAMES = words(`
García Smith Wang Müller Rossi Kowalski Nguyen Okafor Haddad Ivanova Tanaka Silva
Johnson Patel Dubois Novak Fernández Kim Ali Hansen Jensen Petrov Moreau Costa
Mensah Sato Khan Schmidt Larsen Kuznetsova Rahman Gómez Bianchi Nowak Andersson
Yilmaz Demir Popescu Horvath Lindqvist Oyelaran Chowdhury Takahashi Zhang Liu
`);

export const PLACES = words(`
Beijing Moscow Washington London Paris Berlin Brussels Kyiv Tokyo Delhi Mumbai
Cairo Lagos Nairobi Johannesburg Brasília São-Paulo Mexico-City Ottawa Canberra
Sydney Seoul Jakarta Manila Bangkok Hanoi Istanbul Ankara Tehran Riyadh Dubai Doha
Jerusalem Gaza Beirut Damascus Baghdad Kabul Islamabad Dhaka Colombo Kathmandu
Warsaw Prague Vienna Budapest Rome Madrid Lisbon Athens Stockholm Oslo Helsinki
Copenhagen Dublin Edinburgh Geneva Zurich Amsterdam Lima Bogotá Santiago Caracas
Havana Addis-Ababa Khartoum Kinshasa Accra Dakar Algiers Tunis Rabat Tripoli
`).map((p) => p.replace(/-/g, ' '));

export const COUNTRIES = words(`
China Russia Ukraine United-States Britain France Germany India Japan Brazil
Mexico Canada Australia South-Korea Indonesia Philippines Vietnam Thailand Turkey
Iran Israel Egypt Nigeria Kenya South-Africa Ethiopia Sudan Pakistan Bangladesh
Poland Italy Spain Greece Sweden Norway Argentina Chile Colombia Venezuela Peru
Saudi-Arabia Qatar Syria Lebanon Iraq Afghanistan Taiwan North-Korea Myanmar
`).map((p) => p.replace(/-/g, ' '));

export const ORGANISATIONS = words(`
United-Nations European-Union Nato World-Bank IMF WHO African-Union Asean G20 G7
Opec Red-Cross Unicef Amnesty-International Greenpeace Interpol WTO IAEA
Central-Bank Supreme-Court Parliament Senate Treasury Foreign-Ministry
Health-Ministry Election-Commission Olympic-Committee Fifa Uefa
`).map((p) => p.replace(/-/g, ' '));

export const TOPICS = words(`
Politics Economy Climate-Change Elections Diplomacy Trade Technology Artificial-Intelligence
Energy Oil Gas Renewables Health Covid Vaccines Education Housing Inflation Markets
Stocks Banking Crypto Cybersecurity Privacy Social-Media Space Science Research
Environment Wildlife Oceans Agriculture Food Water Migration Refugees Human-Rights
Justice Crime Courts Police Terrorism Defence Military Conflict War Peace-Talks
Sanctions Tariffs Labour Strikes Unions Transport Aviation Railways Tourism Culture
Film Music Books Art Theatre Fashion Football Cricket Tennis Olympics Athletics
Basketball Formula-One Golf Cycling Religion Media Press-Freedom Corruption Protests
Disasters Earthquakes Floods Wildfires Drought Heatwave Storms Pollution Mining
Manufacturing Startups Retail Property Pensions Welfare Taxes Budget Debt Currency
`).map((p) => p.replace(/-/g, ' '));

export const SECTIONS = [
  'News', 'World', 'Politics', 'Business', 'Technology', 'Science', 'Health',
  'Sport', 'Culture', 'Opinion', 'Environment', 'Education',
] as const;

export const WIRE_SOURCES = ['apn', 'rtr', 'afp', 'bbc', 'aljazeera', 'guardian', 'nyt', 'scmp'] as const;

export const ROLES = words(`
spokesperson analyst minister official adviser economist researcher professor
director commander diplomat lawmaker mayor governor resident witness
`);

export const HEADLINE_VERBS = words(`
warns urges rejects backs signs launches hails defends criticises unveils blocks
seeks pledges announces meets visits condemns welcomes delays approves
`);

/**
 * A tag vocabulary of a few hundred entries: topics, places, countries, organisations
 * and people, the mix a newsroom actually tags with.
 */
export function tagVocabulary(): readonly string[] {
  const people: string[] = [];
  for (let i = 0; i < 80; i++) {
    const first = FIRST_NAMES[(i * 7) % FIRST_NAMES.length];
    const last = LAST_NAMES[(i * 11) % LAST_NAMES.length];
    if (first !== undefined && last !== undefined) people.push(`${first} ${last}`);
  }
  // Interleave so the skewed pick favours a realistic mix rather than only topics.
  const lists: ReadonlyArray<readonly string[]> = [TOPICS, COUNTRIES, PLACES, ORGANISATIONS, people];
  const out: string[] = [];
  const seen = new Set<string>();
  const longest = Math.max(...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) {
    for (const list of lists) {
      const tag = list[i];
      if (tag !== undefined && !seen.has(tag)) {
        seen.add(tag);
        out.push(tag);
      }
    }
  }
  return out;
}
