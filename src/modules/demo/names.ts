// Fictional names in Latin and Devanagari, built from syllable pairs so a name and its Hindi form
// always agree ("Rampur" / "रामपुर"). Place names only; candidate names are Latin person names
// that belong to nobody. No real party appears anywhere in the demo.
import { hashInts } from './random.ts';

/** [Latin, Devanagari]. */
export type Bilingual = readonly [string, string];

const PREFIXES: readonly Bilingual[] = [
  ['ram', 'राम'], ['shiv', 'शिव'], ['sita', 'सीता'], ['hari', 'हरि'], ['dev', 'देव'], ['chand', 'चंद'],
  ['suraj', 'सूरज'], ['kamal', 'कमल'], ['moti', 'मोती'], ['hira', 'हीरा'], ['sona', 'सोना'], ['bel', 'बेल'],
  ['amar', 'अमर'], ['anand', 'आनंद'], ['bhim', 'भीम'], ['gopal', 'गोपाल'], ['madhav', 'माधव'], ['keshav', 'केशव'],
  ['ganga', 'गंगा'], ['jamuna', 'जमुना'], ['narayan', 'नारायण'], ['mohan', 'मोहन'], ['kishan', 'किशन'],
  ['sultan', 'सुल्तान'], ['fateh', 'फ़तेह'], ['nawab', 'नवाब'], ['rang', 'रंग'], ['nil', 'नील'],
  ['chandan', 'चंदन'], ['tulsi', 'तुलसी'], ['pipal', 'पीपल'], ['nim', 'नीम'], ['bhavani', 'भवानी'],
  ['durga', 'दुर्गा'], ['indra', 'इंद्र'], ['surya', 'सूर्य'], ['vijay', 'विजय'], ['jay', 'जय'],
  ['kanak', 'कनक'], ['ratan', 'रतन'], ['gulab', 'गुलाब'], ['basant', 'बसंत'], ['sundar', 'सुंदर'],
  ['mani', 'मणि'], ['uday', 'उदय'], ['raj', 'राज'], ['kusum', 'कुसुम'], ['prem', 'प्रेम'], ['dhan', 'धन'],
  ['lal', 'लाल'], ['hans', 'हंस'], ['mor', 'मोर'], ['kesar', 'केसर'], ['ajay', 'अजय'], ['nand', 'नंद'],
  ['madan', 'मदन'], ['govind', 'गोविंद'], ['bishan', 'बिशन'], ['daulat', 'दौलत'], ['shanti', 'शांति'],
];

// Every suffix starts with a consonant, so plain concatenation is correct in both scripts.
const SUFFIXES: readonly Bilingual[] = [
  ['pur', 'पुर'], ['nagar', 'नगर'], ['garh', 'गढ़'], ['ganj', 'गंज'], ['pura', 'पुरा'], ['gaon', 'गाँव'],
  ['wadi', 'वाड़ी'], ['kheda', 'खेड़ा'], ['kot', 'कोट'], ['sar', 'सर'], ['pali', 'पाली'], ['tal', 'ताल'],
  ['khand', 'खंड'], ['gram', 'ग्राम'], ['patti', 'पट्टी'], ['bagh', 'बाग़'], ['dih', 'डीह'], ['mau', 'मऊ'],
  ['kund', 'कुंड'], ['ghat', 'घाट'], ['puri', 'पुरी'], ['wara', 'वाड़ा'], ['bari', 'बाड़ी'], ['ner', 'नेर'],
];

// Villages that split long ago keep the old name with "big" and "small" ("Rampur Kalan", "Rampur Khurd").
const QUALIFIERS: readonly Bilingual[] = [['', ''], ['', ''], ['', ''], [' Kalan', ' कलां'], [' Khurd', ' ख़ुर्द']];

const BUILDINGS: readonly Bilingual[] = [
  ['Primary School', 'प्राथमिक विद्यालय'], ['Upper Primary School', 'उच्च प्राथमिक विद्यालय'],
  ['Panchayat Bhawan', 'पंचायत भवन'], ['Anganwadi Kendra', 'आंगनवाड़ी केंद्र'],
  ['Community Hall', 'सामुदायिक भवन'], ['Government Inter College', 'राजकीय इंटर कॉलेज'],
];

// Person names are syllable-built too, so no candidate shares a well-known politician's name.
const GIVEN_HEAD = ['A', 'Ra', 'Vi', 'Su', 'Ma', 'De', 'Ka', 'Na', 'Pra', 'Sha', 'Ja', 'Hi', 'Lo', 'Ni', 'Ta', 'Ku'];
const GIVEN_TAIL = ['mit', 'vin', 'resh', 'nil', 'dhav', 'kesh', 'jan', 'lok', 'nod', 'tin', 'rika', 'mala', 'shi', 'vya', 'ran', 'dita'];
const FAMILY_HEAD = ['Bal', 'Dev', 'Har', 'Jag', 'Ram', 'Shiv', 'Van', 'Nar', 'Kes', 'Mor', 'Tal', 'Sin'];
const FAMILY_TAIL = ['wari', 'kar', 'ote', 'ekar', 'ani', 'alia', 'gude', 'ware', 'pal', 'ola'];

/** How many distinct place names placeName can make; a state draws its constituency names from these. */
export const PLACE_NAME_COUNT = PREFIXES.length * SUFFIXES.length;

/** The index-th place name; indices below PLACE_NAME_COUNT never repeat a name. */
export function placeName(index: number): Bilingual {
  const i = ((index % PLACE_NAME_COUNT) + PLACE_NAME_COUNT) % PLACE_NAME_COUNT;
  const [pl, ph] = PREFIXES[i % PREFIXES.length];
  const [sl, sh] = SUFFIXES[Math.floor(i / PREFIXES.length)];
  return [capitalise(pl + sl), ph + sh];
}

/** A village name picked by a hash: repeats are fine (and real) among a million booths. */
export function villageName(key: number): Bilingual {
  const h = hashInts(key, 0x51ed);
  const [l, hi] = placeName(h % PLACE_NAME_COUNT);
  const [ql, qh] = QUALIFIERS[(h >>> 16) % QUALIFIERS.length];
  return [l + ql, hi + qh];
}

/** A polling station's name: the building it sits in, its village and its room. */
export function boothName(key: number, village: Bilingual, room: number): Bilingual {
  const [bl, bh] = BUILDINGS[hashInts(key, 0xb00) % BUILDINGS.length];
  return [`${bl}, ${village[0]} (Room ${room})`, `${bh}, ${village[1]} (कक्ष ${room})`];
}

/** A fictional candidate name (Latin only: results rows keep a single candidate text). */
export function personName(key: number): string {
  const h = hashInts(key, 0xca7d);
  const part = (list: readonly string[], shift: number) => list[(h >>> shift) % list.length];
  return `${part(GIVEN_HEAD, 0)}${part(GIVEN_TAIL, 4)} ${part(FAMILY_HEAD, 8)}${part(FAMILY_TAIL, 12)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// Workers' names: common given names and family names in both scripts, so search works in either.
// Family names are drawn independently of the social category the demo records (no stereotyping).
const MALE_GIVEN: readonly Bilingual[] = [
  ['Ramesh', 'रमेश'], ['Suresh', 'सुरेश'], ['Mahesh', 'महेश'], ['Rajesh', 'राजेश'], ['Anil', 'अनिल'], ['Sunil', 'सुनील'],
  ['Vijay', 'विजय'], ['Sanjay', 'संजय'], ['Ajay', 'अजय'], ['Manoj', 'मनोज'], ['Rakesh', 'राकेश'], ['Dinesh', 'दिनेश'],
  ['Ashok', 'अशोक'], ['Prakash', 'प्रकाश'], ['Santosh', 'संतोष'], ['Mukesh', 'मुकेश'], ['Ravi', 'रवि'], ['Amit', 'अमित'],
  ['Rahul', 'राहुल'], ['Deepak', 'दीपक'], ['Vinod', 'विनोद'], ['Pankaj', 'पंकज'], ['Arun', 'अरुण'], ['Naresh', 'नरेश'],
  ['Gopal', 'गोपाल'], ['Mohan', 'मोहन'], ['Shyam', 'श्याम'], ['Kailash', 'कैलाश'], ['Hemant', 'हेमंत'], ['Yogesh', 'योगेश'],
  ['Pradeep', 'प्रदीप'], ['Jitendra', 'जितेंद्र'], ['Imran', 'इमरान'], ['Salim', 'सलीम'], ['Harpreet', 'हरप्रीत'], ['Thomas', 'थॉमस'],
];
const FEMALE_GIVEN: readonly Bilingual[] = [
  ['Sunita', 'सुनीता'], ['Anita', 'अनीता'], ['Geeta', 'गीता'], ['Sita', 'सीता'], ['Rekha', 'रेखा'], ['Kavita', 'कविता'],
  ['Pooja', 'पूजा'], ['Neha', 'नेहा'], ['Priya', 'प्रिया'], ['Meena', 'मीना'], ['Savitri', 'सावित्री'], ['Kamla', 'कमला'],
  ['Laxmi', 'लक्ष्मी'], ['Usha', 'उषा'], ['Asha', 'आशा'], ['Radha', 'राधा'], ['Manju', 'मंजू'], ['Suman', 'सुमन'],
  ['Seema', 'सीमा'], ['Saroj', 'सरोज'], ['Anjali', 'अंजलि'], ['Jyoti', 'ज्योति'], ['Pushpa', 'पुष्पा'], ['Kiran', 'किरण'],
  ['Mamta', 'ममता'], ['Babita', 'बबीता'], ['Shabana', 'शबाना'], ['Nasreen', 'नसरीन'], ['Gurpreet', 'गुरप्रीत'], ['Mary', 'मैरी'],
];
const FAMILY: readonly Bilingual[] = [
  ['Sharma', 'शर्मा'], ['Verma', 'वर्मा'], ['Singh', 'सिंह'], ['Kumar', 'कुमार'], ['Patel', 'पटेल'], ['Gupta', 'गुप्ता'],
  ['Yadav', 'यादव'], ['Mishra', 'मिश्रा'], ['Tiwari', 'तिवारी'], ['Pandey', 'पांडेय'], ['Joshi', 'जोशी'], ['Chauhan', 'चौहान'],
  ['Thakur', 'ठाकुर'], ['Chaudhary', 'चौधरी'], ['Rawat', 'रावत'], ['Saini', 'सैनी'], ['Solanki', 'सोलंकी'], ['Rathore', 'राठौर'],
  ['Dubey', 'दुबे'], ['Shukla', 'शुक्ला'], ['Jain', 'जैन'], ['Mehta', 'मेहता'], ['Das', 'दास'], ['Sahu', 'साहू'],
  ['Patil', 'पाटिल'], ['Pawar', 'पवार'], ['Shinde', 'शिंदे'], ['Nair', 'नायर'], ['Khan', 'ख़ान'], ['Ansari', 'अंसारी'],
  ['Bhatt', 'भट्ट'], ['Kushwaha', 'कुशवाहा'], ['Prajapati', 'प्रजापति'], ['Baghel', 'बघेल'], ['Rajput', 'राजपूत'], ['Soni', 'सोनी'],
];

/** A worker's name in both scripts, from a hash; women get women's given names. */
export function workerName(key: number, female: boolean): Bilingual {
  const h = hashInts(key, 0x9e05);
  const given = (female ? FEMALE_GIVEN : MALE_GIVEN)[h % (female ? FEMALE_GIVEN.length : MALE_GIVEN.length)];
  const family = FAMILY[(h >>> 12) % FAMILY.length];
  return [`${given[0]} ${family[0]}`, `${given[1]} ${family[1]}`];
}
