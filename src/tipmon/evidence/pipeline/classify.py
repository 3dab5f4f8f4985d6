"""Which pillars (3P+P) and which criteria of 22 U.S.C. 7106 a passage gives evidence on.

A transparent lexicon classifier: each language has a table of cues (a regular expression
over folded text, see `fold`) and what each cue says about each label, as a weight. A cue
with weight w for a label says "this alone makes the label likely with probability w"; the
cues that fire combine by noisy-OR (1 - the product of 1 - w), each cue counted once, and a
negative cue (a negative weight) scales the result down by 1 - |w|. Labels scoring at least
`THRESHOLD` are kept. `explain` lists the cues that fired, with their offsets in the text,
so a reviewer sees why a passage got its labels.

The tables follow docs/evidence-annotation.md (what counts as each pillar and criterion).
Matching is left to right and greedy: at each word the longest cue wins and the words it
covers start no other cue, so "technical assistance" (a negative cue for protection) hides
the "assistance" inside it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from typing import Final

from tipmon.evidence.pipeline.types import CRITERIA_IDS, PILLARS, Classification, Label

THRESHOLD: Final = 0.5
LANGUAGES: Final = ("en", "es", "fr")
LABELS: Final = (*PILLARS, *CRITERIA_IDS)
_PREFIX: Final = 3  # every cue starts with at least this many literal letters


# --- folding -------------------------------------------------------------------------------


class _FoldTable(dict[int, int]):
    """str.translate table: lower case and accents removed, one character for one, so
    offsets in the folded text are offsets in the original."""

    def __missing__(self, code: int) -> int:
        char = chr(code)
        if char in "\u2019\u2018\u02bc`\u00b4":
            self[code] = ord("'")
            return self[code]
        lower = char.lower()
        if len(lower) != 1:
            lower = char
        base = [c for c in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(c)]
        folded = base[0] if len(base) == 1 else lower
        self[code] = ord(folded)
        return self[code]


_FOLD: Final = _FoldTable()


def fold(text: str) -> str:
    """Lower-case, accent-free text of exactly the same length as `text`."""
    return text.translate(_FOLD)


# --- the lexicons --------------------------------------------------------------------------
# One cue a line: `pattern => label weight, label weight`. The pattern is a regular
# expression over folded text, anchored at a word start; write `\w*` for a stem and `\b` to
# end a word. Lines starting with "#" are comments; an indented line continues the cue above.

_COMMON = r"""
interpol\b => partnership .6, C4 .5
europol\b => partnership .6, C4 .5
unodc\b => partnership .5, C9 .3
unicef\b => partnership .4
"""

_EN = r"""
# prosecution and C1
prosecut\w* => prosecution .8, C1 .8
convict\w* => prosecution .8, C1 .8
investigat\w* => prosecution .7, C1 .7
investigative journalis\w* => prosecution -.6, C1 -.6
# an agency's name says what it is, not that it investigated anything
(?:investigation|investigative) (?:agency|bureau|service|department) => prosecution .3
bureau of investigation => prosecution .3
indict\w* => prosecution .8, C1 .8
sentenc\w* => prosecution .7, C1 .7
charged\b => prosecution .6, C1 .6
defendants? => prosecution .6, C1 .6
acquitt\w* => prosecution .7, C1 .7
arrest\w* => prosecution .6, C1 .6
prosecutor\w* => prosecution .6, C1 .6
trials? => prosecution .4, C1 .4
courts? => prosecution .4, C1 .4
judges? => prosecution .4, C1 .4
imprison\w* => prosecution .5, MS3 .2
years? in prison => prosecution .5, MS3 .2
years? of imprisonment => prosecution .5, MS3 .25
police => prosecution .3
law enforcement => prosecution .4
criminal cases? => prosecution .5, C1 .5
# MS1-MS3: what the law prohibits and its penalties
criminali[sz]\w* => prosecution .7, MS1 .7
prohibit\w* => prosecution .4, MS1 .4
anti-?trafficking (?:law|act|legislation) => prosecution .5, MS1 .5
penal code => prosecution .6, MS1 .6
criminal code => prosecution .6, MS1 .6
amend\w* => prosecution .2, MS1 .3
penalt\w* => prosecution .6, MS3 .6
prescrib\w* => prosecution .3, MS3 .4
(?:punishable|punishes) => prosecution .5, MS3 .6
(?:provides|prescribes) (?:for )?(?:\w+ ){0,2}(?:penalt|sentenc|imprisonment|prison)\w*
    => prosecution .6, MS3 .7
fines? => MS3 .1
# MS2: sex-trafficking penalties set against those for rape
(?:commensurate|comparable|on a par|in line|consistent) with (?:\w+ ){0,4}rape
    => prosecution .5, MS2 .8
penalt\w* for sex trafficking => prosecution .6, MS3 .5, MS2 .6
# C7 official complicity
complicit\w* => prosecution .7, C7 .8
complicity => prosecution .7, C7 .8
# charging or convicting officials is evidence of complicity cases (C7) rather than C1
(?:convict|prosecut|charg|indict|arrest|dismiss|suspend)\w* (?:a |an |two |three |several )?(?:\w+
    )?(?:police officers?|officials?|officers?|policemen|border guards?)
    => prosecution .6, C7 .7, C1 -.5
(?:conviction|prosecution|arrest)s? of (?:\w+ )?(?:police officers?|officials?|officers?)
    => prosecution .6, C7 .7, C1 -.5
(?:including|among them) (?:\w+ ){0,2}(?:officers|officials|policemen|border guards)
    => prosecution .4, C7 .7
(?:officers|officials|policemen) (?:\w+ ){0,3}(?:were|have been|had been)
    (?:charged|convicted|arrested|indicted|prosecuted) => prosecution .6, C7 .7
corrupt\w* => prosecution .5, C7 .6
brib\w* => prosecution .5, C7 .6
# protection and C2
victims? identified => protection .6, C2 .6
identif\w* => protection .5, C2 .5
train\w* (?:[\w,]+ ){0,6}on victim identification => prosecution .4, protection -.6, C2 -.6
shelters? => protection .8, C2 .8
sheltered => protection .8, C2 .8
refer\w* => protection .45, C2 .45
referral mechanism => protection .8, C2 .8
counsel+ing => protection .7, C2 .7
psycho\w* => protection .6, C2 .6
medical => protection .4, C2 .4
legal aid => protection .7, C2 .7
repatriat\w* => protection .7, C2 .7
reintegrat\w* => protection .7, C2 .7
rehabilitat\w* => protection .6, C2 .6
compensat\w* => protection .7, C2 .7
restitution => protection .7, C2 .7
non-?penali[sz]\w* => protection .8, C2 .8
non-?punishment => protection .8, C2 .8
penali[sz]ed => protection .5, C2 .5
deport\w* => protection .4, C2 .4
rescu\w* => protection .6, C2 .6
taken to safety => protection .6, C2 .6
freed (?:\w+ )?(?:victims|women|children|girls|boys|workers|people|minors) => protection .6, C2 .6
residence permits? => protection .6, C2 .6
wage protection => prevention .6, C3 .6
assist\w* => protection .4, C2 .4
technical assistance => protection -.5, C2 -.5
protection => protection .35, C2 .35
safe houses? => protection .8, C2 .8
victim-witness => protection .7, C2 .7
testif\w* => protection .3
# prevention, C3, C6, C12
awareness => prevention .8, C3 .8
campaigns? => prevention .6, C3 .6
election campaign\w* => prevention -.8, C3 -.8
national action plan => prevention .8, C3 .8
action plan => prevention .7, C3 .7
recruit\w* agenc\w* => prevention .7, C3 .7
recruitment fees? => prevention .7, C3 .7
recruiters? => prevention .3, C3 .3
recruitment => prevention .45, C3 .45
# a ban on keeping workers' passports is a prevention measure; the practice alone is not
(?:ban|prohibit|outlaw|forbid|bar)\w* (?:\w+ ){0,4}(?:confiscat|retain|retention|withh[oe]ld)\w*
    (?:of )?(?:[\w']+ )?passports? => prevention .7, C3 .7
(?:avoid|evad|escap)\w* (?:\w+ )?(?:inspections?|checks?) => C7 .3
ban\w* recruitment => prevention .8, C3 .8
licen[cs]\w* => prevention .5, C3 .5
unlicen[cs]ed => prevention .5, C3 .5
regulat\w* => prevention .45, C3 .45
returnees? => protection .5, C2 .5
vacat\w* => protection .7, C2 .7
(?:arrest|prosecut|penali[sz]|punish|detain|deport|jail)\w*
    (?:(?!(?:were|was|are|is|had|have|as) )\w+ ){0,2}(?:survivors|victims)
    => protection .8, C2 .8, prosecution -.5, C1 -.5
labou?r inspect\w* => prevention .8, C3 .8
inspect\w* => prevention .5, C3 .5
birth registration => prevention .8, C3 .8
hotlines? => prevention .7, C3 .7
helplines? => prevention .6, C3 .6
supply chains? => prevention .7, C3 .7, C12 .5
demand => prevention .4, C12 .4
(?:reduc|curb)\w* (?:the )?demand => prevention .7, C12 .8, C3 -.5
demand reduction => prevention .7, C12 .8, C3 -.5
commercial sex => prevention .3, C12 .4
# punishing the buyers of sex is demand reduction, not the trafficking law
(?:purchas|buy)\w* (?:of )?(?:commercial )?sex\w*(?: services| acts)?
    => prevention .7, C12 .8, C3 -.5, prosecution -.5, MS1 -.6, MS3 -.8
sexual services => prevention .7, C12 .8, C3 -.5, prosecution -.5, MS1 -.6, MS3 -.8
sex tourism => prevention .6, C12 .7
child sex tourism => prevention .6, C12 .7
borders? => prevention .25, C6 .25
border (?:guards?|police|screening|checks?|checkpoints?|controls?|posts?|officials?|agency)
    => prevention .5, C6 .6
migration => prevention .2, C6 .3
immigration => prevention .2, C6 .3
immigration (?:department|authorit\w*|service|controls?|checks?|screening)
    => prevention .5, C6 .6
airports? => prevention .2, C6 .3
visas? => prevention .2, C6 .3
(?:intercept|screen)\w* (?:\w+ ){0,4}(?:airports?|borders?|border crossings?)
    => prevention .5, C6 .7
screen\w* => prevention .3, C6 .4
ethical recruitment => prevention .7, C3 .7
# partnership, C4, C5, C9, C10
extradit\w* => partnership .8, C5 .9, prosecution .3
mutual legal assistance => partnership .8, C4 .8
# joint investigations: partnership and prosecution, but C4 rather than C1
joint (?:investigations?|investigative teams?|teams?) => partnership .8, C4 .8,
    prosecution .6, C1 -.4
(?:shar|exchang)\w* (?:of )?(?:\w+ )?(?:information|intelligence|data)
    => partnership .6, C4 .6
information[- ]sharing => partnership .6, C4 .6
(?:cooperation|collaboration|coordination) with (?:the )?(?:\w+ )?(?:police|authorities)
    => partnership .7, C4 .7
bilateral => partnership .7, C4 .6
agreements? with => partnership .6, C4 .5
labou?r agreements? => partnership .6, C4 .5, prevention .3
joint (?:operations?|inspections?|patrols?|task forces?) => partnership .7, C4 .6
memorand\w* of understanding => partnership .7, C9 .4
(?:measurable|quantified) (?:\w+ )?(?:targets|outcomes|objectives|indicators)
    => C9 .4, partnership .2
(?:grant|funding) agreements? => partnership .6, C9 .5
(?:agreed|signed) (?:\w+ ){0,3}agreements? => partnership .6, C4 .5
cooperat\w* => partnership .6, C4 .3
counterparts? => partnership .5, C4 .4
partner\w* => partnership .6, C9 .4
civil society => partnership .5, C9 .3
international organi[sz]ations? => partnership .4
ngos? => partnership .3
iom\b => partnership .4
ilo\b => partnership .3
# C10, the government's own monitoring and public reporting, goes with prevention
published (?:a |an |its |the )?(?:annual |public )?(?:report|assessment|data)\w*
    => C10 .7, prevention .3
monitor\w* => C10 .3
evaluation => C10 .5, prevention .2
published no (?:information|data|statistics) (?:on|about) (?:\w+ ){0,2}\w+
    => C10 .6, prevention .5
(?:gave|provided|reported) no (?:information|data|statistics) (?:on|about)
    (?:\w+ ){0,2}\w+ => C10 .4, prevention .3
no (?:information|data|statistics) (?:on|about) (?:\w+ ){0,2}\w+ => C10 .4
(?:make|made|making) public (?:\w+ ){0,3}(?:data|statistics|figures) => C10 .7, prevention .5
(?:data|statistics) on (?:the )?(?:investigations|prosecutions|convictions)
    => C10 .6, prevention .4
national plan => prevention .7, C3 .7
data collection => C10 .5
national rapporteur => C10 .6
"""

_ES = r"""
# prosecution and C1
proces\w* => prosecution .6, C1 .6
enjuici\w* => prosecution .8, C1 .8
condena\w* => prosecution .8, C1 .8
condeno\b => prosecution .8, C1 .8
investiga\w* => prosecution .7, C1 .7
expedientes? => prosecution .5, C1 .5
judicializ\w* => prosecution .7, C1 .7
diligencias (?:previas|de investigacion) => prosecution .7, C1 .7
incoa\w* => prosecution .6, C1 .6
(?:sometid|llevad)\w* a la justicia => prosecution .7, C1 .7
penas? impuest\w* => prosecution .7, C1 .7
(?:nuestra|una|esta) (?:investigacion|encuesta|estudio) => prosecution -.6, C1 -.6
periodismo de investigacion => prosecution -.6, C1 -.6
sentencia\w* => prosecution .7, C1 .7
acusad\w* => prosecution .6, C1 .6
acusacion\w* => prosecution .6, C1 .6
imputad\w* => prosecution .6, C1 .6
absol\w* => prosecution .6, C1 .6
arrest\w* => prosecution .6, C1 .6
detenid\w* => prosecution .5, C1 .5
detencion\w* => prosecution .5, C1 .5
captur\w* => prosecution .5, C1 .5
fiscal\w* => prosecution .6, C1 .6
juicios? => prosecution .5, C1 .5
tribunal\w* => prosecution .4, C1 .4
juez\w* => prosecution .4, C1 .4
jueces => prosecution .4, C1 .4
juzgad\w* => prosecution .4, C1 .4
policia\w* => prosecution .3
carcel => prosecution .4, MS3 .15
prision => prosecution .5, MS3 .15
# MS1-MS3
tipific\w* => prosecution .7, MS1 .7
penaliz\w* => prosecution .5, MS1 .5
prohib\w* => prosecution .4, MS1 .4
codigo penal => prosecution .6, MS1 .6
ley (?:contra|de|sobre) (?:la )?trata => prosecution .5, MS1 .5
reform\w* => prosecution .2, MS1 .3
# a penalty the law sets is MS3; a sentence a court hands down is C1
penas? => prosecution .6, MS3 .25
(?:castiga|sanciona|pena|prev|establec|fij)\w* (?:\w+ ){0,2}(?:penas?|prision|carcel|multas?)\b
    => prosecution .6, MS3 .7
(?:castigad|sancionad|penad|punible)\w* con => prosecution .6, MS3 .7
multas? => MS3 .1
# MS2: penalties for sex trafficking set against those for rape
(?:equipar|compar|equivalen|alinea)\w* (?:\w+ ){0,10}violacion => prosecution .5, MS2 .8
penas? (?:\w+ ){0,2}trata con fines de explotacion sexual => prosecution .6, MS3 .5, MS2 .6
# C7
complicidad => prosecution .7, C7 .8
complices => prosecution .7, C7 .8
corrup\w* => prosecution .5, C7 .6
sobornos? => prosecution .5, C7 .6
sobornaba\w* => prosecution .5, C7 .6
# officials among the accused or convicted, or tied to the crime: complicity cases
entre (?:ellos|ellas|los|las)
    (?:\w+ )?(?:figuran? |hay )?(?:una? |unos )?(?:agente|policia|funcionari|alcalde|jue[zc])\w*
    => prosecution .5, C7 .7
vinculad\w* (?:a|con) (?:\w+ )?(?:altos cargos|funcionari\w*|autoridades|politicos|militares)
    => C7 .6
(?:agentes|funcionarios|policias) (?:\w+ ){0,5}(?:fueron|han sido|estan)
    (?:senalad|denunciad|implicad)\w* => prosecution .4, C7 .6
(?:agentes|funcionarios|policias) (?:\w+ ){0,5}(?:fueron|han sido|estan)
    (?:acusad|investigad|condenad|procesad|detenid|imputad|vinculad)\w*
    => prosecution .6, C7 .6, C1 .6
# protection and C2
victimas identificadas => protection .6, C2 .6
identific\w* => protection .5, C2 .5
albergues? => protection .8, C2 .8
albergues? de (?:paso|migrantes) => protection .3, C2 .3
apoyo a (?:las )?(?:presuntas |posibles )?victimas => protection .7, C2 .7
recib\w* (?:\w+ )?apoyo => protection .6, C2 .6
servicios sociales => protection .5, C2 .5
permisos? de residencia => protection .6, C2 .6
visa humanitaria => protection .6, C2 .6
acompan\w* => protection .3, C2 .3
rescat\w* => protection .6, C2 .6
liberad\w* a (?:\w+ )?(?:victimas|mujeres|ninos|ninas|personas|menores|trabajador\w*)
    => protection .6, C2 .6
refugios? => protection .7, C2 .7
casas? de acogida => protection .8, C2 .8
acogida => protection .6, C2 .6
remit\w* => protection .45, C2 .45
remit\w* (?:\w+ ){0,3}a la fiscalia => prosecution .4, C1 .4
deriva\w* => protection .5, C2 .5
atencion => protection .5, C2 .5
psicolog\w* => protection .6, C2 .6
medic\w* => protection .5, C2 .5
asesoria juridica => protection .7, C2 .7
asistencia (?:legal|juridica) => protection .7, C2 .7
asistencia legal mutua => partnership .8, C4 .8, protection -.7, C2 -.7
asistencia judicial mutua => partnership .8, C4 .8, protection -.7, C2 -.7
asistencia tecnica => protection -.5, C2 -.5
asist\w* => protection .4, C2 .4
repatria\w* => protection .7, C2 .7
reintegra\w* => protection .7, C2 .7
reinserci\w* => protection .7, C2 .7
indemniza\w* => protection .7, C2 .7
reparacion\w* => protection .6, C2 .6
no sancion\w* => protection .8, C2 .8
no punibilidad => protection .8, C2 .8
deport\w* => protection .4, C2 .4
protec\w* => protection .4, C2 .4
proteccion (?:de|del) (?:los )?salario\w* => prevention .6, C3 .6
# prevention, C3, C6, C12
sensibiliza\w* => prevention .8, C3 .8
concienci\w* => prevention .8, C3 .8
conciencia\w* => prevention .8, C3 .8
campanas? => prevention .6, C3 .6
campana electoral => prevention -.8, C3 -.8
plan nacional => prevention .7, C3 .7
plan de accion => prevention .7, C3 .7
agencias? de (?:empleo|reclutamiento|contratacion|colocacion) => prevention .7, C3 .7
reclutador\w* => prevention .3, C3 .3
contratacion (?:de|del) (?:\w+ )?trabajador\w* => prevention .6, C3 .6
(?:tarifas|comisiones|cobro|cobros) de (?:reclutamiento|contratacion) => prevention .7, C3 .7
licencias? => prevention .5, C3 .5
(?:impid|prohib|prohib)\w* (?:\w+ ){0,4}(?:retener|retencion de|confiscar) (?:los |sus )?pasaportes
    => prevention .7, C3 .7
inspecc\w* => prevention .6, C3 .6
evit\w* (?:las |los )?(?:inspecciones|controles) => C7 .3
inspector\w* => prevention .6, C3 .6
registro (?:civil|de nacimient\w*) => prevention .8, C3 .8
linea (?:directa|telefonica|gratuita|de (?:ayuda|denuncia)) => prevention .7, C3 .7
linea (?:\w+ )?contra la trata => prevention .7, C3 .7
cadenas? de (?:suministro|valor) => prevention .7, C3 .7, C12 .5
demanda\b => prevention .4, C12 .4
sexo comercial => prevention .3, C12 .4
(?:reduc|frena|disminu)\w* (?:la |esta )?demanda => prevention .7, C12 .8, C3 -.5
# punishing the buyers of sex is demand reduction, not the trafficking law
(?:compra|pago) de (?:servicios sexuales|sexo) => prevention .7, C12 .8, C3 -.5, prosecution -.4,
    MS1 -.6, MS3 -.8
servicios sexuales => prevention .7, C12 .8, C3 -.5, prosecution -.4, MS1 -.6, MS3 -.8
turismo sexual => prevention .6, C12 .7
fronter\w* => prevention .25, C6 .25
migra\w* => prevention .2, C6 .3
(?:control|intercept|detect)\w*
    (?:\w+ ){0,4}(?:aeropuerto|frontera|paso fronterizo|puesto fronterizo)
    => prevention .5, C6 .7
(?:aeropuerto|aeropuertos|visado|visados|visa|visas) => prevention .2, C6 .3
# partnership, C4, C5, C9, C10
extradi\w* => partnership .8, C5 .9, prosecution .3
# joint investigations: partnership and prosecution, but C4 rather than C1
(?:investigacion|equipo)\w* conjunt\w* => partnership .8, C4 .8, prosecution .6, C1 -.4
(?:intercambi|compart)\w* (?:\w+ )?(?:informacion|inteligencia|datos) => partnership .6, C4 .6
(?:colaboracion|cooperacion|coordinacion) con
    (?:la |las |los |el )?(?:policia|autoridades|fiscalia|gobierno)\w* => partnership .7, C4 .7
firm\w* (?:\w+ ){0,4}(?:acuerdo|tratado)s? => partnership .6, C4 .5
cooperacion (?:policial|judicial|transfronteriza) => partnership .7, C4 .7
acuerdos? de cooperacion(?: policial| judicial)? => partnership .7, C4 .6
acord\w* con (?:el |la |los |las )?(?:\w+ )?(?:oit|oim|onudd|unicef|gobierno)\b
    => partnership .6
bilateral\w* => partnership .7, C4 .6
memorando\w* de entendimiento => partnership .7, C9 .4
convenios? (?:de|con) => partnership .6, C9 .5
(?:indicadores|metas|objetivos) (?:\w+ )?(?:de resultados?|medibles|cuantificados)
    => C9 .4, partnership .2
cooperacion => partnership .6, C4 .3
coopero\b => partnership .6, C4 .3
colabora\w* => partnership .5, C4 .2
homolog\w* => partnership .5, C4 .4
alianza\w* => partnership .6, C9 .4
socios? => partnership .5, C9 .3
sociedad civil => partnership .4, C9 .3
organizaciones internacionales => partnership .4
ong\b => partnership .3
ongs\b => partnership .3
oim\b => partnership .4
oit\b => partnership .3
onudd\b => partnership .5, C9 .3
# C10, the government's own monitoring and public reporting, goes with prevention
publico (?:un |su |el )?informe\w* => C10 .7, prevention .3
se publica\w* => C10 .5, prevention .2
evalu\w* => C10 .4, prevention .2
hac\w* public\w* (?:\w+ ){0,3}(?:datos|estadisticas|cifras) => C10 .7, prevention .5
(?:datos|estadisticas) sobre (?:las |los )?(?:investigaciones|procesamientos|condenas)
    => C10 .6, prevention .4
monitore\w* => C10 .3
seguimiento => C10 .3
relator\w* nacional => C10 .6
"""

_FR = r"""
# prosecution and C1
poursui\w* => prosecution .8, C1 .8
condamn\w* => prosecution .8, C1 .8
enquet\w* => prosecution .7, C1 .7
journalisme d'investigation => prosecution -.6, C1 -.6
# a survey by an NGO or researchers is not a criminal investigation
(?:notre|une|cette) (?:enquete|etude) aupres => prosecution -.7, C1 -.7
notre (?:enquete|etude) => prosecution -.6, C1 -.6
enquete aupres => prosecution -.7, C1 -.7
investigation\w* => prosecution .6, C1 .6
inculp\w* => prosecution .7, C1 .7
mis en examen => prosecution .7, C1 .7
mises? en examen => prosecution .7, C1 .7
accuses? => prosecution .5, C1 .5
prevenus? => prosecution .6, C1 .6
acquitt\w* => prosecution .6, C1 .6
relax\w* => prosecution .4, C1 .4
arret\w* => prosecution .5, C1 .5
interpell\w* => prosecution .5, C1 .5
procureur\w* => prosecution .6, C1 .6
parquet\w* => prosecution .5, C1 .5
proces\b => prosecution .5, C1 .5
tribunal\w* => prosecution .4, C1 .4
juge\w* => prosecution .4, C1 .4
police\w* => prosecution .3
gendarmerie\w* => prosecution .3
emprisonnement => prosecution .5, MS3 .15
prison => prosecution .5, MS3 .1
# MS1-MS3
incrimin\w* => prosecution .7, MS1 .7
criminalis\w* => prosecution .7, MS1 .7
interdi\w* => prosecution .4, MS1 .4
code penal => prosecution .6, MS1 .6
loi (?:relative a|contre|sur) (?:la )?(?:traite|lutte) => prosecution .5, MS1 .5
modifi\w* => MS1 .2
# a penalty the law sets is MS3; a sentence a court hands down is C1
peines? => prosecution .6, MS3 .25
peines? prononcees => prosecution .7, C1 .7
juges? d'instruction => prosecution .6, C1 .6
prononc\w* (?:\w+ ){0,2}peines? => prosecution .7, C1 .7
(?:prevoi|prevu|puni|sanctionn|reprim)\w* (?:\w+ ){0,2}(?:peines?|reclusion|emprisonnement|prison)\b
    => prosecution .6, MS3 .7
peines? (?:encourue|prevue|applicable)s? => prosecution .6, MS3 .7
passibles? => prosecution .6, MS3 .7
amendes? => MS3 .1
# MS2: penalties for sex trafficking set against those for rape
(?:alignee|equivalente|comparable|identique)s? (?:\w+ ){0,3}(?:du|au) viol => prosecution .5, MS2 .8
peines? (?:\w+ ){0,2}traite a des fins (?:d'exploitation )?sexuelles? => prosecution .6, MS3 .5,
    MS2 .6
# C7
complicit\w* => prosecution .7, C7 .8
complices? => prosecution .7, C7 .8
corrupt\w* => prosecution .5, C7 .6
corruption => prosecution .5, C7 .6
pots?-de-vin => prosecution .5, C7 .6
# officials among the accused or convicted, or tied to the crime: complicity cases
dont
    (?:un |une |deux |trois |des |plusieurs )?(?:policier|fonctionnaire|agent|gendarme|douanier)s?\b
    => prosecution .5, C7 .7
(?:policier|fonctionnaire|agent|gendarme|douanier)s (?:\w+ ){0,2}(?:ont ete|ont|sont|avaient ete)
    (?:inculp|condamn|arret|poursuivi|interpell|mis en examen)\w*
    => prosecution .6, C7 .7, C1 .6
parmi (?:eux|elles|lesquels|les condamnes|les prevenus)
    (?:un |une |deux |trois |des |plusieurs )?(?:policier|fonctionnaire|agent|gendarme|douanier)s?\b
    => prosecution .5, C7 .7
# protection and C2
victimes identifiees => protection .6, C2 .6
identifi\w* => protection .5, C2 .5
foyers? => protection .7, C2 .7
sauv\w* => protection .4, C2 .4
libere\w* (?:\w+ )?(?:victimes|femmes|enfants|filles|personnes|mineur\w*|travailleu\w*)
    => protection .6, C2 .6
(?:enfants|victimes|mineurs) retires => protection .6, C2 .6
secour\w* => protection .5, C2 .5
titres? de sejour => protection .6, C2 .6
services sociaux => protection .5, C2 .5
soutien aux victimes => protection .7, C2 .7
accompagn\w* => protection .4, C2 .4
hebergement\w* => protection .7, C2 .7
heberge\w* => protection .7, C2 .7
abris? => protection .7, C2 .7
refuges? => protection .7, C2 .7
prise en charge => protection .7, C2 .7
pris en charge => protection .7, C2 .7
prises? en charge => protection .7, C2 .7
orient(?:e|ee|es|ees|er|ait|aient|ent|ation|ations)\b => protection .4, C2 .4
soins => protection .5, C2 .5
psycho\w* => protection .6, C2 .6
medica\w* => protection .5, C2 .5
aide juridique => protection .7, C2 .7
assistance juridique => protection .7, C2 .7
entraide judiciaire => partnership .8, C4 .8
assistance technique => protection -.5, C2 -.5
assist\w* => protection .4, C2 .4
rapatri\w* => protection .7, C2 .7
reinsertion => protection .7, C2 .7
reintegration => protection .7, C2 .7
indemnis\w* => protection .7, C2 .7
reparation\w* => protection .6, C2 .6
non-?sanction\w* => protection .8, C2 .8
non-?penalisation => protection .8, C2 .8
expuls\w* => protection .4, C2 .4
protection\w* => protection .4, C2 .4
proteg\w* => protection .4, C2 .4
protection des salaires => prevention .6, C3 .6
# prevention, C3, C6, C12
sensibilis\w* => prevention .8, C3 .8
campagnes? => prevention .6, C3 .6
campagne electorale => prevention -.8, C3 -.8
plan d'action => prevention .7, C3 .7
plan national => prevention .7, C3 .7
agences? de (?:recrutement|placement) => prevention .7, C3 .7
recruteur\w* => prevention .3, C3 .3
recrutement => prevention .45, C3 .45
frais de recrutement => prevention .7, C3 .7
licences? => prevention .5, C3 .5
(?:interdi|prohib)\w* (?:\w+ ){0,4}(?:confisqu|reten|garder|conserver)\w*
    (?:les |leurs |des )?passeports
    => prevention .7, C3 .7
(?:eviter|echapper a|contourner) (?:les |aux )?(?:inspections|controles) => C7 .3
inspection\w* => prevention .6, C3 .6
inspecteur\w* => prevention .6, C3 .6
enregistrement des naissances => prevention .8, C3 .8
etat civil => prevention .7, C3 .7
ligne (?:verte|d'assistance|d'urgence|telephonique) => prevention .7, C3 .7
numero vert => prevention .7, C3 .7
chaines? d'approvisionnement => prevention .7, C3 .7, C12 .5
(?:la|cette) demande\b => prevention .3, C12 .3
(?:reduire|reduction de|freiner|faire reculer) (?:la |cette )?demande => prevention .7, C12 .8,
    C3 -.5
sexe tarife => prevention .3, C12 .4
# punishing the buyers of sex is demand reduction, not the trafficking law
(?:achat|recours a) (?:de )?(?:services sexuels|actes sexuels|sexe tarife) => prevention .7, C12 .8,
    C3 -.5, prosecution -.5, MS1 -.6, MS3 -.8
services sexuels => prevention .7, C12 .8, C3 -.5, prosecution -.5, MS1 -.6, MS3 -.8
tourisme sexuel => prevention .6, C12 .7
frontier\w* => prevention .25, C6 .25
migra\w* => prevention .2, C6 .3
(?:control|intercept|detect|refoul)\w* (?:\w+ ){0,4}(?:aeroport|frontiere|poste frontiere)\w*
    => prevention .5, C6 .7
police (?:aux|des) frontieres => prevention .5, C6 .6
gardes?-frontieres? => prevention .5, C6 .6
(?:aeroport|aeroports|visa|visas) => prevention .2, C6 .3
# partnership, C4, C5, C9, C10
extradi\w* => partnership .8, C5 .9, prosecution .3
# joint investigations: partnership and prosecution, but C4 rather than C1
(?:enquete|equipe)s? commun\w* => partnership .8, C4 .8, prosecution .6, C1 -.4
enquetes? conjointes? => partnership .8, C4 .8, prosecution .6, C1 -.4
(?:echang|partag)\w* (?:des |d'|les )?(?:informations|renseignements|donnees)
    => partnership .6, C4 .6
(?:collaboration|cooperation|coordination) avec
    (?:la |les |le )?(?:police|autorites|parquet|gouvernement)\w* => partnership .7, C4 .7
sign\w* (?:\w+ ){0,4}(?:accord|traite|convention)s? => partnership .6, C4 .5
bilateral\w* => partnership .7, C4 .6
protocoles? d'accord => partnership .7, C9 .4
conventions? (?:avec|de financement|de partenariat) => partnership .6, C9 .5
(?:objectifs|indicateurs|cibles) (?:chiffres|mesurables|de resultats?) => C9 .4, partnership .2
cooperation => partnership .6, C4 .3
coopere\w* => partnership .6, C4 .3
collabor\w* => partnership .5, C4 .2
homologues? => partnership .5, C4 .4
partenari\w* => partnership .6, C9 .4
partenaires? => partnership .5, C9 .3
societe civile => partnership .4, C9 .3
organisations internationales => partnership .4
ong\b => partnership .3
oim\b => partnership .4
oit\b => partnership .3
onudc\b => partnership .5, C9 .3
# C10, the government's own monitoring and public reporting, goes with prevention
publie (?:un |son |le )?rapport\w* => C10 .7, prevention .3
publie aucun (?:rapport|donnee|chiffre|statistique)s? => C10 .7, prevention .5
rend\w* public\w* (?:\w+ ){0,3}(?:donnees|statistiques|chiffres) => C10 .7, prevention .5
(?:donnees|statistiques) sur (?:les )?(?:enquetes|poursuites|condamnations)
    => C10 .6, prevention .4
suivi => C10 .3
rapporteur national => C10 .6
"""

_TABLES: Final = {"en": _EN, "es": _ES, "fr": _FR}


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon entry: a pattern over folded text and its weight for each label."""

    language: str
    pattern: str
    weights: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True)
class CueHit:
    """A cue that fired: where (offsets into the text given), what it read, what it says."""

    cue: Cue
    start: int
    end: int
    surface: str


_LEADING_CHOICE: Final = re.compile(r"\(\?:([a-z|\[\] ']+)\)(?![?*{])(.*)")


def _variants(pattern: str) -> list[str]:
    """A pattern starting with a choice of words, "(?:a|b)rest" or "(?:in line|on a par) with",
    as one pattern per choice, so each starts with letters the index can look up."""
    choice = _LEADING_CHOICE.fullmatch(pattern)
    if choice is None:
        return [pattern]
    return [word + choice[2] for word in choice[1].split("|")]


def _parse(language: str, table: str) -> list[Cue]:
    cues = []
    lines: list[str] = []
    for line in table.strip().splitlines():
        if line.startswith(" ") and lines:
            lines[-1] += " " + line.strip()  # a long cue continues on an indented line
        elif line.strip() and not line.startswith("#"):
            lines.append(line)
    for line in lines:
        pattern, _, spec = line.partition(" => ")
        weights = []
        for part in spec.split(","):
            label, weight = part.split()
            if label not in LABELS or not -1 <= float(weight) <= 1:
                raise ValueError(f"classify lexicon ({language}): bad label or weight in {line!r}")
            weights.append((label, float(weight)))
        for variant in _variants(pattern):
            if not re.match(rf"[a-z][a-z' -]{{{_PREFIX - 1}}}", variant):
                raise ValueError(
                    f"classify lexicon ({language}): {variant!r} must start with letters"
                )
            cues.append(Cue(language, variant, tuple(weights)))
    return cues


@dataclass(frozen=True, slots=True)
class _Compiled:
    by_prefix: dict[str, tuple[tuple[re.Pattern[str], Cue], ...]]


_WORD_START: Final = re.compile(r"\b[a-z]")


@functools.cache
def _lexicon(language: str) -> _Compiled:
    """The cues of a language (all languages for an unknown one), indexed by the first
    letters of their pattern."""
    languages = (language,) if language in _TABLES else LANGUAGES
    cues = _parse("common", _COMMON)
    for lang in languages:
        cues += _parse(lang, _TABLES[lang])
    index: defaultdict[str, list[tuple[re.Pattern[str], Cue]]] = defaultdict(list)
    for cue in cues:
        index[cue.pattern[:_PREFIX]].append((re.compile(rf"(?:{cue.pattern})(?!\w)"), cue))
    return _Compiled({prefix: tuple(entries) for prefix, entries in index.items()})


def explain(text: str, language: str) -> tuple[CueHit, ...]:
    """The cues that fire in `text`, left to right, longest first at each word."""
    folded = fold(text)
    compiled = _lexicon(language)
    hits: list[CueHit] = []
    covered = 0
    for word in _WORD_START.finditer(folded):
        start = word.start()
        if start < covered:
            continue
        entries = compiled.by_prefix.get(folded[start : start + _PREFIX])
        if not entries:
            continue
        best: tuple[int, Cue] | None = None
        for pattern, cue in entries:
            found = pattern.match(folded, start)
            if found and (best is None or found.end() > best[0]):
                best = (found.end(), cue)
        if best is not None:
            hits.append(CueHit(best[1], start, best[0], text[start : best[0]]))
            covered = best[0]
    return tuple(hits)


def scores(hits: tuple[CueHit, ...]) -> dict[str, float]:
    """Every label's score from the cues that fired: noisy-OR of the positive weights (each
    distinct cue once), scaled down by each negative one."""
    miss: dict[str, float] = {}
    damp: dict[str, float] = {}
    seen: set[Cue] = set()
    for hit in hits:
        if hit.cue in seen:
            continue
        seen.add(hit.cue)
        for label, weight in hit.cue.weights:
            if weight >= 0:
                miss[label] = miss.get(label, 1.0) * (1.0 - weight)
            else:
                damp[label] = damp.get(label, 1.0) * (1.0 + weight)
    return {label: round((1.0 - miss.get(label, 1.0)) * damp.get(label, 1.0), 4) for label in miss}


def classify(text: str, language: str) -> Classification:
    """The pillars and criteria of a passage with a score of at least `THRESHOLD`, best
    first."""
    scored = scores(explain(text, language))
    kept = sorted(
        (Label(label, score) for label, score in scored.items() if score >= THRESHOLD),
        key=lambda label: (-label.score, LABELS.index(label.id)),
    )
    return Classification(
        pillars=tuple(label for label in kept if label.id in PILLARS),
        criteria=tuple(label for label in kept if label.id in CRITERIA_IDS),
    )
