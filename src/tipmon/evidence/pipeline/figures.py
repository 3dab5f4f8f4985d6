"""Law-enforcement figures in a passage: investigations, prosecutions, convictions and
victims identified, by form (all trafficking, sex, labour) and period (the passage's own,
or a figure given for comparison). The rules are those of docs/evidence-annotation.md.

The reading is rule-based and fast. Each sentence becomes a list of tokens, joined into
one folded string (lower case, no accents, apostrophes and hyphens dropped, numbers as
`#`, years as `#y`). For each number, patterns on the words either side decide what it
counts: the noun after it ("45 investigations"), a passive ("8 traffickers were
convicted"), or the nearest cue word before it ("prosecuted 12 suspects"). A bare number
after a figure belongs to it as a subset ("30 for sex trafficking") or a comparison
("compared with 30 the previous year").
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, replace
from typing import NamedTuple

from tipmon.evidence.pipeline.numbers import LANGUAGES, NumberMatch, find_numbers, fold
from tipmon.evidence.pipeline.types import Figure, Form, Metric, Period

__all__ = ["find_figures"]

# ---------------------------------------------------------------- vocabulary
# Every pattern below runs on folded text: lower case, no accents, apostrophes and hyphens
# dropped, one space between tokens, numbers as "#" and years as "#y".

_EN: dict[str, str] = {
    "prep": r"in|of|from|for|involving|at|on|with",
    "article": r"the|a|an|these|those|its|their",
    "function": r"and|or|nor|of|in|to|for|from|with|were|was|is|are|be|been|the|by|on|at|into"
    r"|against|involving|including|which|who|that|under|compared|versus|vs|than|as|per|while"
    r"|whereas|but|its|their|they|it|a|an|had|have|has|during|after|before",
    "inv_noun": r"investigations?|probes?|inquiries",
    "pros_noun": r"prosecutions?|indictments?",
    "conv_noun": r"convictions?",
    "vict_noun": r"victims?|survivors?",
    "inv_cue": r"investigat[a-z]*|probed|probes?",
    "pros_cue": r"prosecut[a-z]*|charged|charges|charge sheets?|indicted|indictments?|arraigned"
    r"|tried",
    "conv_cue": r"convict[a-z]*|found guilty",
    "vict_cue": r"identif[a-z]*",
    "reg_cue": r"registered|recorded|opened|logged|initiated",
    "stop": r"sentenc[a-z]*|fined|fines|survey[a-z]*|assist[a-z]*|referr[a-z]*|refer|shelter[a-z]*"
    r"|repatriat[a-z]*|provid[a-z]*|train[a-z]*|rescu[a-z]*|receiv[a-z]*|support[a-z]*"
    r"|protect[a-z]*|returned|deported|arrest[a-z]*|detain[a-z]*|acquit[a-z]*|dismiss[a-z]*"
    r"|released|screen[a-z]*|inspect[a-z]*|closed|removed|hosted|accommodated|served"
    r"|reached|benefit[a-z]*|funded|employed|hired|visited|interview[a-z]*|forcing|forced to"
    r"|exploit(?:ing|ed)|lur(?:ing|ed)|recruit(?:ing|ed)|smuggl(?:ing|ed)|holding|sold|selling"
    r"|kidnapp[a-z]*|abduct[a-z]*|intercept[a-z]*",
    "pp_inv": r"investigated|probed|opened|registered|recorded",
    "pp_pros": r"prosecuted|charged|indicted|tried|(?:brought|sent|committed|referred|forwarded"
    r"|transferred) to (?:the )?(?:[a-z]+ )?(?:courts?|trial)",
    "pp_conv": r"convicted|found guilty",
    "pp_vict": r"identified",
    "aux": r"were|was|have|has|had|been|being|also|subsequently|later|formally|officially"
    r"|newly|successfully|criminally|reportedly|all|then",
    "allowed": r"cases?|suspects?|defendants?|persons?|people|individuals?|traffickers?"
    r"|perpetrators?|offenders?|accused|men|women|officials?|nationals?|foreigners?|adults?"
    r"|children|minors?|girls?|boys?|workers?|migrants?|recruiters?|employers?|agents?"
    r"|brokers?|officers?|citizens?|complaints?|reports?|crimes?|offen[cs]es?|counts?"
    r"|investigations?|prosecutions?|convictions?|victims?|survivors?|matters?|incidents?"
    r"|alleged|suspected|others?|more|new|additional|trafficking|of them|in total|members?",
    "victim_like": r"victims?|survivors?|persons?|people|individuals?|children|women|men"
    r"|girls?|boys?|adults?|minors?|workers?|migrants?|nationals?|foreigners?|citizens?",
    "cases": r"cases?|investigations?|incidents?",
    "follower": r"and|or|in|during|for|of|involving|involved|were|was|cases?|related|relating"
    r"|concerning|concerned|compared|against|versus|vs|from|up|down|the|last|a|each"
    r"|respectively|under|with|while|which|who|whereas|but|sex|labou?r|forced|trafficking"
    r"|new|at|across|nationwide|total|this|that|overall|combined|alone|so|since|as",
    "sex": r"sex|sexual[a-z]*|prostitution|commercial sex",
    "labor": r"labou?r|bonded|bondage|servitude|forced begging|begging|forced criminality",
    "form_break": r"compared|versus|vs|under|pursuant|while|whereas|but|against|up|down|that"
    r"|although|though|(?<!of )which|who|according|than",
    "compare": r"compared (?:with|to)|in comparison (?:with|to)|as against|relative to"
    r"|(?:up|down) from|versus|vs|(?:increase|decrease|rise|drop|decline|fall|reduction|jump"
    r"|increases|decreases|rises|drops|declines|falls|reductions) (?:from|on|over|compared"
    r" (?:with|to))|(?:increased|decreased|rose|fell|dropped|declined|grew|climbed|jumped"
    r"|went up|went down) (?:from|on)|from a total of",
    "compare_weak": r"against|from",
    "weak_after": r"against",
    "filler": r"the|a|an|total|of|only|just|some|about|approximately|around|nearly|almost"
    r"|roughly|#y|,|when|in|previous|prior|preceding|last|year|years|s|reporting|period"
    r"|figure|number|those|that|with|to|its",
    "previous": r"(?:(?:in|during|for|over) )?the (?:previous|prior|preceding)"
    r" (?:year|reporting period|period|reporting year|cycle|fiscal year|year s|one)"
    r"|a year (?:earlier|before)|the year before|(?:previous|prior) year",
    "year_prep": r"in|during|for|throughout|over|fy|year|\(|since|from",
    "clause_previous": r"(?:(?:in|during|over) )?(?:the (?:previous|prior|preceding)"
    r" (?:year|reporting period|period|fiscal year))",
    "excl_right": r"%|per ?cent|percent|a year(?! (?:earlier|before|ago))|per year|each year"
    r"|years?|yrs?|months?|weeks?"
    r"|days?|hours?|minutes?"
    r"|times|year old|years old|dollars?|usd|euros?|eur|pounds?|gbp|francs?|cfa|fcfa"
    r"|cedis?|naira|pesos?|rupees?|taka|dinars?|dirhams?|riyals?|rand|shillings?|million"
    r"|billion|km|kilomet[a-z]*|miles?|kg|am|pm|st|nd|rd|th|/|january|february|march|april"
    r"|june|july|august|september|october|november|december|shelters?|trainings?"
    r"|training sessions|workshops?|seminars?|courses?",
    "excl_left": r"\$|€|£|¥|usd|eur|gbp|article|articles|art|section|sections|paragraph"
    r"|paragraphs|chapter|clause|law|act|decree|bill|no|nos|number|aged|age|ages|under|by"
    r"|between|sentenced to|sentences of|fines? of|fined|up to|page|pp|p|tier|level|phase"
    r"|grade|item|rule|resolution|code|hotline|helpline|line|round|top|ranked|rank|/|no \."
    r"|art \.|january|february|march|april|june|july|august|september|october|november"
    r"|december|over the age of|aged between|cost",
    "zero": r"no|zero|nil",
    "neg": r"not|n t|never|neither|nor|failed to|no longer|did not|without",
    "any": r"any|a single",
    "zero_pros": r"charges",
    "court": r"cases? (?:to|before) (?:the )?(?:[a-z]+ )?(?:courts?|trial|judges?|justice)",
    "brought": r"brought|took|sent|filed|submitted|referred|forwarded|transferred",
    "identified_after": r"(?: (?:were|was|have|has|had|been|being|formally|officially|newly"
    r"|subsequently|also|later|all))* identif",
    "vict_phrase": r"(?:potential |suspected )?victims? identified|identified victims?"
    r"|identifications? of (?:potential )?victims",
    "last_year": r"last year|the year before|a year ago",
    "this_year": r"this year|so far this year|the current year",
    "range_from": r"from",
    "range_to": r"to",
    "subset_marker": r"of them|of these|of those|of which|of whom",
    "nobody": r"none|nobody",
    "neg_one": r"not|no",
    "result_conv": r"(?:ended|resulted|culminated) in (?:a )?convictions?",
    "descriptive": "",
    "respectively": r"respectively",
}

_ES: dict[str, str] = {
    "prep": r"de|del|en|con|por|para",
    "article": r"el|la|los|las|un|una|unos|unas|su|sus",
    "function": r"y|o|e|ni|de|del|en|a|al|para|por|con|contra|entre|que|los|las|el|la|se|lo"
    r"|fueron|fue|son|eran|han|habian|sido|un|una|unos|unas|su|sus|como|durante|tras",
    "inv_noun": r"investigaciones|investigacion|pesquisas?|indagatorias?|averiguaciones"
    r"|carpetas de investigacion|expedientes de investigacion"
    r"|diligencias(?: previas| de investigacion)?",
    "pros_noun": r"procesamientos?|enjuiciamientos?|acusaciones|imputaciones|juicios|cargos?"
    r"|procesos (?:penales|judiciales)|causas (?:penales|judiciales)",
    "conv_noun": r"condenas?|sentencias? condenatorias?|fallos? condenatorios?|condenad[oa]s",
    "vict_noun": r"victimas?|sobrevivientes",
    "inv_cue": r"investig[a-z]*|indag[a-z]*",
    "pros_cue": r"proceso|procesos|procesaron|procesad[oa]s?|procesamientos?|enjuici[a-z]*"
    r"|formaliz[a-z]*|cargos?"
    r"|acuso|acusaron|acusacion(?:es)?|imputo|imputaron|judicializ[a-z]*|llevo a juicio"
    r"|sometid[oa]s a (?:la )?justicia|vinculad[oa]s a proceso|vinculo a proceso",
    "conv_cue": r"conden[a-z]*|sentencias condenatorias|declarad[oa]s culpables",
    "vict_cue": r"identific[a-z]*",
    "reg_cue": r"registr[a-z]*|abrio|abrieron|inicio|iniciaron",
    "stop": r"asisti[a-z]*|asistencia|atend[a-z]*|atencion|remiti[a-z]*|refiri[a-z]*"
    r"|deriv[a-z]*|alberg[a-z]*|acogi[a-z]*|repatri[a-z]*|proporcion[a-z]*|brind[a-z]*"
    r"|capacit[a-z]*|formo|formaron|rescat[a-z]*|recib[a-z]*|apoy[a-z]*|proteg[a-z]*"
    r"|deport[a-z]*|detuv[a-z]*|detenid[a-z]*|arrest[a-z]*|aprehend[a-z]*|captur[a-z]*"
    r"|absol[a-z]*|archiv[a-z]*|multa[a-z]*|desestim[a-z]*|inspecc[a-z]*|cerr[a-z]*"
    r"|beneficio|beneficiaron|sentenci[a-z]*|penas?|explot(?:ar|aba|aban|aron|o|ado|ada|ados"
    r"|adas)|obligar[a-z]*|somet(?:er|ia|ian|io|ieron)|captar[a-z]*|reclut[a-z]*",
    "pp_inv": r"investigad[oa]s|abiert[oa]s",
    "pp_pros": r"procesad[oa]s|enjuiciad[oa]s|acusad[oa]s|imputad[oa]s|formalizad[oa]s"
    r"|(?:enviad[oa]s|llevad[oa]s|remitid[oa]s) a (?:juicio|(?:los )?tribunales)"
    r"|sometid[oa]s a (?:la )?justicia|vinculad[oa]s a proceso",
    "pp_conv": r"condenad[oa]s|declarad[oa]s culpables",
    "pp_vict": r"identificad[oa]s",
    "aux": r"fueron|fue|han|habian|sido|siendo|tambien|formalmente|oficialmente|ya|se",
    "allowed": r"casos?|sospechos[oa]s?|personas?|individuos|acusad[oa]s|imputad[oa]s"
    r"|procesad[oa]s|tratantes|traficantes|perpetradores|delincuentes|autores|hombres"
    r"|mujeres|funcionari[oa]s|nacionales|extranjer[oa]s|adult[oa]s|ninos|ninas|menores"
    r"|trabajador[a-z]*|migrantes|denuncias|expedientes|causas|delitos|reclutadores"
    r"|empleadores|agentes|ciudadan[oa]s|presunt[oa]s|victimas|sobrevivientes"
    r"|investigaciones|procesamientos|condenas|carpetas|condenad[oa]s|acusaciones|nuev[oa]s"
    r"|otr[oa]s|mas|de ellos|de ellas|en total|integrantes|miembros|sindicad[oa]s",
    "victim_like": r"victimas?|sobrevivientes|personas?|individuos|ninos|ninas|menores"
    r"|mujeres|hombres|adult[oa]s|trabajador[a-z]*|migrantes|nacionales|extranjer[oa]s"
    r"|ciudadan[oa]s|posibles|presuntas|potenciales",
    "cases": r"casos?|expedientes|investigaciones|carpetas",
    "follower": r"y|o|en|durante|de|del|por|con|relacionad[a-z]*|vinculad[a-z]*"
    r"|involucr[a-z]*|correspond[a-z]*|fueron|eran|el|la|los|las|frente|comparad[a-z]*"
    r"|contra|mientras|casos?|respectivamente|a|al|para|sexual|laboral|trata|explotacion"
    r"|nuev[oa]s|en total|que|lo|este|esta|desde|segun",
    "sex": r"sexual(?:es|mente)?|prostitucion|comercio sexual",
    "labor": r"laboral(?:es)?|trabajos? forzos[oa]s?|trabajo forzado|servidumbre|mendicidad"
    r"|servicios forzados",
    "form_break": r"que|cual|cuales|frente|comparad[a-z]*|comparacion|respecto|versus|vs"
    r"|mientras|pero|aunque"
    r"|segun|conforme|bajo|contra",
    "compare": r"frente a(?: l[oa]s)?|en comparacion con|comparad[oa]s? con|en relacion con"
    r"|(?:con )?respecto (?:a|al|de|del)|versus|vs|(?:aumento|disminucion|descenso"
    r"|incremento|reduccion|caida|alza|baja|subida) (?:con respecto a|respecto a|respecto de"
    r"|frente a|de|desde|en relacion con)|(?:aumento|aumentaron|disminuyo|disminuyeron|bajo"
    r"|bajaron|subio|subieron|cayo|cayeron|paso|pasaron|crecio|descendio|descendieron"
    r"|se redujo|se redujeron) (?:de|desde)|en lugar de",
    "compare_weak": r"contra",
    "weak_after": r"contra",
    "filler": r"l[oa]s|el|la|un|una|total|de|solo|apenas|unos|unas|unas|aproximadamente"
    r"|cerca|casi|#y|,|cuando|en|del|ano|anterior|periodo|registrad[oa]s|reportad[oa]s",
    "previous": r"(?:(?:en|durante|del|de) )?(?:el|la) (?:ano|periodo|ejercicio|gestion"
    r"|periodo de referencia|ano de referencia) (?:anterior|previo|precedente)"
    r"|un ano antes|del ano anterior|del periodo anterior",
    "year_prep": r"en|durante|de|del|desde|\(|ano",
    "clause_previous": r"(?:(?:en|durante) )?(?:el|la) (?:ano|periodo|ejercicio|periodo de"
    r" referencia) (?:anterior|previo|precedente)",
    "excl_right": r"%|por ?ciento|al ano|por ano|cada ano|anos?|meses|mes|dias?|semanas?"
    r"|horas?|minutos?|veces"
    r"|dolares|usd|euros?|pesos|soles|quetzales|lempiras|colones|bolivianos|reales|guaranies"
    r"|millones|millon|km|kilometros|de edad|/|de (?:enero|febrero|marzo|abril|mayo|junio"
    r"|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)|albergues?"
    r"|capacitaciones|talleres|cursos",
    "excl_left": r"\$|€|us \$|articulos?|art|arts|seccion|inciso|numeral|ley|decreto|no|n"
    r"|num|nro|nº|edad de|edades de|menores de|mayores de|entre|hasta|multas? de|multa"
    r"|pena de|penas de|art \.|no \.|nivel|fase|linea|pagina|/|de los",
    "zero": r"ningun|ninguna|ninguno|cero",
    "neg": r"no|nunca|ni|sin",
    "any": r"ningun|ninguna|ninguno",
    "zero_pros": r"cargos",
    "court": r"casos? (?:a|ante) (?:los )?(?:tribunales|juicio|juzgados?|la justicia)",
    "brought": r"llevo|llevaron|present[a-z]*|remitio",
    "identified_after": r"(?: (?:fueron|fue|han|habian|sido|siendo|formalmente|oficialmente"
    r"|ya|se))* identificad",
    "vict_phrase": r"(?:posibles |presuntas )?victimas identificadas|identificacion de victimas",
    "last_year": r"el ano pasado|un ano antes",
    "this_year": r"este ano|en lo que va (?:del|de) ano|el presente ano",
    "range_from": r"de|desde",
    "range_to": r"a|hasta",
    "subset_marker": r"de ell[oa]s|de (?:l[oa]s )?cuales|de est[oa]s",
    "nobody": r"ninguno|ninguna|nadie",
    "neg_one": r"ni",
    "result_conv": r"(?:terminaron|concluyeron|culminaron) (?:en|con) (?:una )?condenas?",
    "descriptive": r"(?:acusad|imputad|sospechos)[oa]s de",
    "respectively": r"respectivamente",
}

_FR: dict[str, str] = {
    "prep": r"de|du|des|d|en|dans|pour|par|a|au|aux",
    "article": r"le|la|les|l|un|une|leur|leurs",
    "function": r"et|ou|ni|de|des|du|d|en|a|au|aux|pour|par|avec|contre|entre|que|qui|les"
    r"|la|le|l|ont|sont|ete|etaient|dont|un|une|leur|leurs|se|sur|dans|pendant|apres",
    "inv_noun": r"enquetes?|investigations?|informations judiciaires",
    "pros_noun": r"poursuites?|proces|inculpations?|mises en examen|mises en accusation"
    r"|procedures judiciaires|actions en justice",
    "conv_noun": r"condamnations?|condamnes|condamnees",
    "vict_noun": r"victimes?|survivant[a-z]*",
    "inv_cue": r"enquet[a-z]*|investig[a-z]*",
    "pros_cue": r"poursuivi[a-z]*|poursuites?|inculp[a-z]*|mis en examen|mises en examen"
    r"|traduit[a-z]* en justice|renvoy[a-z]*|juge|juges|jugees?|proces",
    "conv_cue": r"condamn[a-z]*|reconnus? coupables?|declares? coupables?",
    "vict_cue": r"identifi[a-z]*|recense[a-z]*|detecte[a-z]*",
    "reg_cue": r"enregistr[a-z]*|ouvert[a-z]*|ouvre|ouvrir|engage[a-z]*|initie[a-z]*",
    "stop": r"assist[a-z]*|aide[a-z]*|aupres|sondage[a-z]*|orient[a-z]*|refere[a-z]*"
    r"|heberg[a-z]*|rapatri[a-z]*"
    r"|fourni[a-z]*|formes?|formees?|formation[a-z]*|sauve[a-z]*|secouru[a-z]*|recue?s?"
    r"|soutenu[a-z]*|protege[a-z]*|protection|expuls[a-z]*|arret[a-z]*|interpell[a-z]*"
    r"|acquitt[a-z]*|amende[a-z]*|accueilli[a-z]*|pris en charge|inspect[a-z]*|ferme[a-z]*"
    r"|sensibilis[a-z]*|peines?|detenu[a-z]*|libere[a-z]*|exploit(?:er|ait|aient|e|es|ee|ees)"
    r"|contraint[a-z]*|recrut[a-z]*|intercept[a-z]*",
    "pp_inv": r"enquetes|ouvertes|ouverts",
    "pp_pros": r"poursuivi[a-z]*|inculpe[a-z]*|mis en examen|mises en examen|juge[a-z]*"
    r"|transmis (?:aux|au) (?:tribunaux|tribunal|juridictions)"
    r"|renvoye[a-z]* devant (?:les |la )?(?:tribunaux|juridictions|justice)",
    "pp_conv": r"condamne[a-z]*|reconnus? coupables?|declares? coupables?",
    "pp_vict": r"identifie[a-z]*|recense[a-z]*",
    "aux": r"ont|a|avaient|ete|sont|etaient|officiellement|formellement|egalement|deja|ensuite",
    "allowed": r"cas|affaires?|dossiers?|suspects?|personnes?|individus|prevenus|accuses"
    r"|trafiquants?|auteurs?|delinquants|hommes|femmes|fonctionnaires|ressortissant[a-z]*"
    r"|etrangers?|adultes|enfants|mineur[a-z]*|filles|garcons|travailleu[a-z]*|migrant[a-z]*"
    r"|plaintes|infractions|recruteurs|employeurs|agents|victimes|presum[a-z]*|enquetes"
    r"|poursuites|condamnations|proces|nouvelles?|nouveaux|autres|d entre eux|au total|membres",
    "victim_like": r"victimes?|survivant[a-z]*|personnes?|individus|enfants|mineur[a-z]*"
    r"|femmes|hommes|filles|garcons|adultes|travailleu[a-z]*|migrant[a-z]*"
    r"|ressortissant[a-z]*|etrangers?|potentielles|presumees",
    "cases": r"cas|affaires?|dossiers?|enquetes|procedures",
    "follower": r"et|ou|en|pendant|de|d|des|du|pour|concern[a-z]*|port[a-z]*|lie[a-z]*"
    r"|relati[a-z]*|impliqu[a-z]*|ont|avaient|etaient|sont|contre|dont|au|aux|a|l|la|le"
    r"|les|cas|respectivement|sexuelle|travail|traite|exploitation|nouvelles?|au total"
    r"|cette|cet|ce|depuis|selon|par",
    "sex": r"sexuel(?:le)?s?|sexuellement|prostitution",
    "labor": r"travail|travaux forces|economique|servitude|mendicite|main d oeuvre",
    "form_break": r"que|qui|lesquels|contre|par rapport|compare[a-z]*|comparaison|face|versus"
    r"|vs|tandis|mais"
    r"|alors|bien|selon|conformement|en vertu",
    "compare": r"par rapport (?:a|au|aux)(?: l| la| les)?|compare[a-z]* (?:a|au|aux|avec)"
    r"|en comparaison (?:de|avec|des)|face (?:a|aux)|versus|vs|(?:hausse|baisse"
    r"|augmentation|diminution|recul|progression) (?:par rapport a|de|sur)|passant de"
    r"|passe de|passees? de|passes de|(?:augmente|diminue|baisse|recule|progresse|chute"
    r"|tombe|grimpe)[a-z]* de|au lieu de",
    "compare_weak": r"contre",
    "weak_after": r"contre",
    "filler": r"les|le|la|l|un|une|total|de|d|seulement|environ|quelque|quelques|pres|pres de"
    r"|presque|#y|,|lorsque|quand|en|des|annee|precedente|periode|enregistre[a-z]*",
    "previous": r"(?:(?:de|pour|durant|pendant|au cours de) )?(?:l annee|l an|la periode"
    r"|l exercice|la periode de reference|l annee de reference) (?:precedente|precedent"
    r"|anterieure|anterieur)|un an plus tot|l annee d avant",
    "year_prep": r"en|pendant|durant|de|depuis|\(|annee",
    "clause_previous": r"(?:(?:au cours de|durant|pendant) )?(?:l annee|la periode|l exercice)"
    r" (?:precedente|precedent|anterieure)",
    "excl_right": r"%|pour ?cent|par an|chaque annee|ans|an|annees?|mois|jours?|semaines?"
    r"|heures?|minutes?|fois"
    r"|euros?|francs?|fcfa|cfa|dollars?|usd|dirhams?|dinars?|ariary|millions?|milliards?"
    r"|km|kilometres|/|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre"
    r"|novembre|decembre|refuges?|centres|formations|ateliers|seminaires|sessions",
    "excl_left": r"\$|€|articles?|art|loi|decret|arrete|n|no|numero|nº|age|agee|agees|ages"
    r"|ages de|entre|jusqu a|amendes? de|amende|peines? de|moins de|art \.|n °|niveau|phase"
    r"|ligne|page|/|de l article",
    "zero": r"aucun|aucune|zero",
    "neg": r"n|ne|pas|jamais|ni|sans",
    "any": r"aucun|aucune",
    "zero_pros": r"inculpations?|charges",
    "court": r"(?:cas|affaires|dossiers) (?:devant|aux|au) (?:les )?(?:tribunaux|tribunal|juges"
    r"|justice|proces)",
    "brought": r"porte[a-z]*|renvoye[a-z]*|transmis|defere[a-z]*",
    "identified_after": r"(?: (?:ont|a|avaient|ete|sont|etaient|officiellement|formellement"
    r"|deja))* identifie",
    "vict_phrase": r"victimes (?:potentielles |presumees )?(?:identifiees|recensees)"
    r"|identification de(?:s)? victimes",
    "last_year": r"l an dernier|l annee derniere|l an passe|un an plus tot",
    "this_year": r"cette annee|l annee en cours",
    "range_from": r"de|d",
    "range_to": r"a",
    "subset_marker": r"dont|d entre eux|d entre elles|parmi eux|parmi elles",
    "nobody": r"aucun|aucune",
    "neg_one": r"pas",
    "result_conv": r"(?:ont )?abouti a (?:une |des )?condamnations?",
    "descriptive": "",
    "respectively": r"respectivement",
}

_LEXICONS = {"en": _EN, "es": _ES, "fr": _FR}
_METRIC_NAMES: tuple[Metric, ...] = (
    "investigations",
    "prosecutions",
    "convictions",
    "victims_identified",
)


@dataclass(frozen=True, slots=True)
class _Words:
    """The compiled patterns of one language."""

    direct: re.Pattern[str]
    identified_after: re.Pattern[str]
    passive: re.Pattern[str]
    to_court: re.Pattern[str]
    brought: re.Pattern[str]
    cue: re.Pattern[str]
    victim_noun: re.Pattern[str]
    cases_noun: re.Pattern[str]
    follower: re.Pattern[str]
    allowed_noun: re.Pattern[str]
    subset_follower: re.Pattern[str]
    form_window: re.Pattern[str]
    sex: re.Pattern[str]
    labor: re.Pattern[str]
    compare: re.Pattern[str]
    compare_weak: re.Pattern[str]
    weak_after: re.Pattern[str]
    previous_phrase: re.Pattern[str]
    previous_left: re.Pattern[str]
    previous_clause: re.Pattern[str]
    year_after: re.Pattern[str]
    exclude_right: re.Pattern[str]
    exclude_left: re.Pattern[str]
    any_cue: re.Pattern[str]
    nouns: re.Pattern[str]
    zero_nouns: re.Pattern[str]
    zero_noun: re.Pattern[str]
    zero_verb: re.Pattern[str]
    label: re.Pattern[str]
    form_label: re.Pattern[str]
    range_left: re.Pattern[str]
    range_right: re.Pattern[str]
    last_year: re.Pattern[str]
    this_year: re.Pattern[str]
    subset_marker: re.Pattern[str]
    subset_before: re.Pattern[str]
    range_tail: re.Pattern[str]
    nobody: re.Pattern[str]
    neg_one: re.Pattern[str]
    zero_word_hint: re.Pattern[str]
    result_conv: re.Pattern[str]
    descriptive: re.Pattern[str] | None
    bare_identified: re.Pattern[str]
    previous_chain: re.Pattern[str]
    respectively: re.Pattern[str]


@functools.cache
def _words(language: str) -> _Words:
    x = _LEXICONS[language]
    mod = rf"(?!(?:{x['function']})(?: |$))[a-z]+"
    metric_nouns = f"{x['inv_noun']}|{x['pros_noun']}|{x['conv_noun']}|{x['vict_noun']}"
    nouns = (
        rf"\b(?:(?P<investigations>{x['inv_noun']})|(?P<prosecutions>{x['pros_noun']})"
        rf"|(?P<convictions>{x['conv_noun']})|(?P<victims_identified>{x['vict_noun']}))\b"
    )
    # After "no", "charges" counts prosecutions ("no charges have been filed").
    zero_nouns = nouns.replace(
        f"(?P<prosecutions>{x['pros_noun']})",
        f"(?P<prosecutions>{x['pros_noun']}|{x['zero_pros']})",
    )
    zero_metric_nouns = f"{metric_nouns}|{x['zero_pros']}"
    cue = (
        rf"\b(?:(?P<victim_phrase>{x['vict_phrase']})"
        rf"|(?P<investigations>{x['inv_cue']}|{x['inv_noun']})"
        rf"|(?P<prosecutions>{x['pros_cue']}|{x['pros_noun']})"
        rf"|(?P<convictions>{x['conv_cue']}|{x['conv_noun']})"
        rf"|(?P<victims_identified>{x['vict_cue']})|(?P<registered>{x['reg_cue']})"
        rf"|(?P<stop>{x['stop']}))\b"
    )
    aux = rf"(?:{x['aux']}) "
    attached = rf"(?:(?:{x['prep']}) (?:(?:{x['article']}) )?(?:{mod} ){{1,3}}){{0,2}}"
    aside = r"(?:, (?:[^ ,;#]+ ){1,8}, )?"
    sep = "[:\u2013\u2014-]"
    done = (
        rf"(?:(?P<investigations>{x['pp_inv']})|(?P<prosecutions>{x['pp_pros']})"
        rf"|(?P<convictions>{x['pp_conv']}))"
    )
    passive = (
        rf"(?:(?:(?:{mod} ){{0,3}}(?:{x['allowed']}) {aside}{attached}(?:{aux}){{0,3}}"
        rf"|(?:{mod} ){{0,3}}{attached}(?:{aux}){{1,3}}){done}"
        rf"|(?:{mod} ){{0,3}}(?:{x['victim_like']}|{x['subset_marker']}) {aside}(?:{aux}){{0,3}}"
        rf"(?P<victims_identified>{x['pp_vict']}))\b"
    )
    excl = rf"(?:{x['excl_right']})(?![a-z])"
    c = re.compile
    return _Words(
        direct=c(rf"(?:{mod} ){{0,3}}{nouns}"),
        identified_after=c(x["identified_after"]),
        passive=c(passive),
        to_court=c(rf"(?:{mod} ){{0,2}}(?:{x['court']})"),
        brought=c(rf"\b(?:{x['brought']})(?: [a-z]+){{0,2}}$"),
        cue=c(cue),
        victim_noun=c(rf"(?:{mod} ){{0,3}}(?:{x['victim_like']})\b"),
        cases_noun=c(rf"(?:{mod} ){{0,3}}(?:{x['cases']})\b"),
        follower=c(rf"(?:$|[,.;:()\[\]]|(?:{x['range_to']}) #(?!y)|(?:{x['follower']})\b)"),
        allowed_noun=c(rf"(?:{mod} ){{0,3}}(?:{x['allowed']})\b"),
        subset_follower=c(rf"(?:[a-z]+ ){{0,3}}?(?:{x['sex']}|{x['labor']})\b"),
        form_window=c(rf" ?(?:(?!#(?!y)|[,;()]|(?:{x['form_break']})\b)[^ ]+(?: |$)){{0,20}}"),
        sex=c(rf"\b(?:{x['sex']})\b"),
        labor=c(rf"\b(?:{x['labor']})\b"),
        compare=c(rf"(?:\b(?:{x['compare']})(?: (?:{x['filler']})){{0,6}}|\( #y(?: :)?)$"),
        previous_left=c(rf"\b(?:{x['previous']})(?: [a-z]+){{0,3}}$"),
        compare_weak=c(rf"\b(?:{x['compare_weak']})(?: (?:{x['filler']})){{0,3}}$"),
        weak_after=c(rf"# (?:[a-z]+ ){{0,2}}(?:, )?(?:{x['weak_after']})(?: [a-z]+){{0,3}}$"),
        previous_phrase=c(rf"(?:[^ #]+ ){{0,4}}?(?:{x['previous']})\b"),
        previous_clause=c(rf"(?:^|[;:] )(?:{x['clause_previous']}) ?,?[^;]*$"),
        year_after=c(rf"(?:[^ #]+ ){{0,4}}?(?:{x['year_prep']}) #y\b"),
        exclude_right=c(rf"{excl}|(?:(?:to|and|or|a|y|et|au) )?#y? {excl}"),
        exclude_left=c(rf"(?:^|\s)(?:{x['excl_left']})$"),
        any_cue=c(
            rf"\b(?:{x['inv_cue']}|{x['pros_cue']}|{x['conv_cue']}|{x['vict_cue']}"
            rf"|{x['reg_cue']}|{metric_nouns}|{x['court']}|{x['pp_inv']}|{x['pp_pros']}"
            rf"|{x['pp_conv']})"
        ),
        nouns=c(nouns),
        zero_nouns=c(zero_nouns),
        zero_noun=c(
            rf"\b(?P<zero>{x['zero']}) (?:{mod} ){{0,3}}(?P<nouns>(?:{zero_metric_nouns})"
            rf"(?: (?:{x['function']}|,)(?: {mod}){{0,2}} (?:{metric_nouns}))*)\b"
        ),
        zero_verb=c(
            rf"\b(?:{x['neg']})(?P<verbs>(?: [^ ;.#]+){{1,7}}?) (?P<zero>{x['any']})"
            rf"(?P<after>(?: {mod})? (?:{metric_nouns})\b)?"
        ),
        label=c(
            rf"\b(?:(?P<victims_identified>{x['vict_phrase']})|(?P<investigations>{x['inv_noun']})"
            rf"|(?P<prosecutions>{x['pros_noun']}|{x['pros_cue']})|(?P<convictions>{x['conv_noun']}))"
            rf"(?: [a-z]+){{0,4}} {sep}$"
        ),
        form_label=c(
            rf"\b(?:(?P<sex>{x['sex']})|(?P<labor>{x['labor']}))(?: [a-z]+){{0,2}} {sep}$"
        ),
        range_left=c(rf"(?:^| )(?:{x['range_from']})$"),
        range_right=c(rf"(?:[a-z]+ #y )?(?:{x['range_to']}) #(?!y)"),
        last_year=c(rf"(?:[^ #]+ ){{0,4}}?(?:{x['last_year']})\b"),
        this_year=c(rf"\b(?:{x['this_year']})\b"),
        subset_marker=c(rf"(?:{x['subset_marker']})\b"),
        subset_before=c(rf"\b(?:{x['subset_marker']})$"),
        range_tail=c(rf"(?:^| )(?:{x['range_from']}) # (?:[a-z]+ #y )?(?:{x['range_to']})$"),
        nobody=c(rf"(?:{x['nobody']})"),
        neg_one=c(rf"(?:{x['neg_one']})"),
        zero_word_hint=c(rf"\b(?:(?:{x['nobody']})\b|(?:{x['neg_one']}) #)"),
        result_conv=c(rf"(?:{mod} ){{0,2}}(?:{x['result_conv']})\b"),
        descriptive=c(rf"(?:{mod} ){{0,3}}(?:{x['descriptive']})\b") if x["descriptive"] else None,
        bare_identified=c(rf"(?:{aux}){{1,3}}(?:{x['pp_vict']})\b"),
        previous_chain=c(r"# (?:[a-z]+ #y )?(?:,|and|y|e|et)$"),
        respectively=c(rf" ?,? ?\b(?:{x['respectively']})\b"),
    )


# ---------------------------------------------------------------- tokens and sentences

_TOKEN = re.compile(r"[^\W\d_]+|[0-9]+|[^\w\s'\u2019\-\u00a0\u202f]")
_ABBREVIATIONS = frozenset(
    [
        "no",
        "nos",
        "art",
        "arts",
        "vs",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "p",
        "pp",
        "e",
        "g",
        "i",
        "n",
        "num",
        "nro",
        "sr",
        "sra",
        "etc",
        "inc",
        "co",
        "ltd",
        "jr",
    ]
)
_LEFT_CHARS = 110
_RIGHT_CHARS = 90
_MAX_CUE_GAP = 8  # tokens between a cue word and its number
_FORM_APART = 30  # "sex and labour trafficking" is both forms; further apart, the first
_CLOSE_CUE = 2  # a cue this close to its number needs no known noun after the number


class _Token(NamedTuple):
    """One token: its folded text ("#" for a number), where it is, and a number's value."""

    norm: str
    start: int
    end: int
    value: int | None = None


@dataclass(frozen=True, slots=True)
class _Sentence:
    """The tokens of one sentence and their folded text, one space between tokens."""

    tokens: list[_Token]
    norm: str
    offsets: list[int]  # where each token starts in `norm`

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end

    def token_at(self, pos: int) -> int:
        return bisect.bisect_right(self.offsets, pos) - 1

    def left(self, k: int) -> str:
        return self.norm[max(0, self.offsets[k] - _LEFT_CHARS) : max(0, self.offsets[k] - 1)]

    def right_start(self, k: int) -> int:
        return self.offsets[k] + len(self.tokens[k].norm) + 1

    def right(self, k: int) -> str:
        begin = self.right_start(k)
        return self.norm[begin : begin + _RIGHT_CHARS]


@dataclass(frozen=True, slots=True)
class _Found:
    figure: Figure
    head: bool  # counted in its own right: not a subset, not a comparison


def _number_token(number: NumberMatch, text: str) -> _Token:
    surface = text[number.start : number.end]
    if number.value is None:
        norm = "#~"
    elif not number.words and surface.isdigit() and 1900 <= number.value <= 2100:
        norm = "#y"
    else:
        norm = "#"
    return _Token(norm, number.start, number.end, number.value)


def _tokens(
    text: str, folded: str, span: tuple[int, int], numbers: list[NumberMatch]
) -> list[_Token]:
    """The tokens of one sentence: words and signs, each number as one token."""
    out: list[_Token] = []
    begin = span[0]
    for number in numbers:
        out.extend(
            _Token(m.group(), m.start(), m.end())
            for m in _TOKEN.finditer(folded, begin, number.start)
        )
        out.append(_number_token(number, text))
        begin = max(begin, number.end)
    out.extend(
        _Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(folded, begin, span[1])
    )
    return out


_BOUNDARY = re.compile(r"[.!?]+(?=[\s\u00a0])|\n")
_WORD_BEFORE = re.compile(r"(?:^|[^\w])(\w+)$")


def _wrapped(text: str, at: int) -> bool:
    """Whether the line break at `at` only wraps a sentence: the line does not end in a
    stop or a colon, and the next one goes on in lower case or with a number."""
    before = text[:at].rstrip(" \t\r\u00a0")
    after = text[at + 1 :].lstrip(" \t\u00a0")
    if not before or not after or before[-1] in ".!?:;\n":
        return False
    return after[0].islower() or after[0].isdigit()


def _sentence_spans(folded: str, text: str) -> list[tuple[int, int]]:
    """Sentences end at ".", "!" or "?" before a space (not after an abbreviation such as
    "No." or "U.S.") and at line breaks, unless the break only wraps the sentence."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for m in _BOUNDARY.finditer(folded):
        if m.group() == "\n" and _wrapped(text, m.start()):
            continue
        if m.group() == ".":
            before = _WORD_BEFORE.search(folded, max(0, m.start() - 8), m.start())
            word = before.group(1) if before else ""
            if word and not word.isdigit() and (word in _ABBREVIATIONS or len(word) == 1):
                continue
        spans.append((begin, m.end()))
        begin = m.end()
    spans.append((begin, len(folded)))
    return spans


def _sentence(tokens: list[_Token]) -> _Sentence:
    offsets: list[int] = []
    pos = 0
    for t in tokens:
        offsets.append(pos)
        pos += len(t.norm) + 1
    return _Sentence(tokens, " ".join(t.norm for t in tokens), offsets)


# ---------------------------------------------------------------- reading one number


def _group_metric(m: re.Match[str]) -> Metric:
    for name in _METRIC_NAMES:
        if m.group(name):
            return name
    raise AssertionError(m.group(0))


@dataclass(slots=True)
class _Cues:
    """What the cue words left of a number say: the metrics, whether the nearest is close,
    where it ends in the sentence, and whether it names victims identified outright."""

    metrics: set[str]
    close: bool = False
    end: int = -1
    phrase: bool = False


def _left_cues(w: _Words, left: str, base: int) -> _Cues:
    """The metrics of the nearest cue word left of a number, with the cue words joined to it
    by "and", "or" or a comma ("investigated and prosecuted"); a stop word there
    ("assisted", "sentenced") gives nothing unless joined to "identified". A verb of
    recording right after a metric noun ("investigations it opened") stands for that noun."""
    matches = list(w.cue.finditer(left))
    if not matches:
        return _Cues(set())
    tail = left[matches[-1].end() :]
    if ";" in tail or tail.count(" ") > _MAX_CUE_GAP:
        return _Cues(set())
    found: set[str] = set()
    last = matches[-1]
    if last.lastgroup == "registered" and len(matches) > 1:
        prior = matches[-2]
        gap = left[prior.end() : last.start()]
        if prior.lastgroup in _METRIC_NAMES and gap.count(" ") <= _RECORD_GAP and "," not in gap:
            found.add(prior.lastgroup)
    for i in range(len(matches) - 1, -1, -1):
        name = matches[i].lastgroup or "stop"
        if name != "stop":
            found.add(name)
        gap = left[matches[i - 1].end() : matches[i].start()] if i else ""
        if not i or not _CHAIN.fullmatch(gap):
            break
    if last.lastgroup == "stop" and found != {"victims_identified"}:
        return _Cues(set())
    phrase = "victim_phrase" in found
    if phrase:
        found.discard("victim_phrase")
        found.add("victims_identified")
    return _Cues(found, tail.count(" ") <= _CLOSE_CUE, base + last.end(), phrase)


_CHAIN = re.compile(r" ?(?:, ?)?(?:(?:and|or|nor|y|o|ni|et|ou|e|as well as) ?)?")
_SEPARATORS = (":", "\u2013", "\u2014", "-")
_OF = re.compile(r"(?:^| )(?:of|de|d|del|des|du)$")
_RECORD_GAP = 3  # "investigations it opened": words between a metric noun and its verb


@dataclass(slots=True)
class _Reading:
    metrics: set[Metric]
    own: bool  # the number's own words say what it counts
    form: Form | None = None  # a form its own words give past the form window


def _metrics_for(w: _Words, s: _Sentence, k: int, used: set[int]) -> _Reading:
    """The metrics number k counts, and whether its own words say so. An empty set means
    the number can only belong to a figure before it (a subset or a comparison)."""
    left, right = s.left(k), s.right(k)
    direct = w.direct.match(right)
    if direct:
        metric = _group_metric(direct)
        if metric != "victims_identified":
            return _Reading({metric}, True)
        if "identif" in direct.group(0) or w.identified_after.match(right[direct.end() :]):
            return _Reading({metric}, True)
        cues = _left_cues(w, left, 0)
        return _Reading({metric} if "victims_identified" in cues.metrics else set(), True)
    descriptive = w.descriptive is not None and w.descriptive.match(right)
    passive = None if descriptive else w.passive.match(right)
    if passive:
        after = s.norm[s.right_start(k) + passive.end() :]
        return _Reading({_group_metric(passive)}, True, _form(w, after))
    if w.result_conv.match(right):
        return _Reading({"convictions"}, True)
    if w.to_court.match(right) and w.brought.search(left):
        return _Reading({"prosecutions"}, True)
    label = w.label.search(left) if left.endswith(_SEPARATORS) else None
    if label:
        return _Reading({_group_metric(label)}, True)
    if w.bare_identified.match(right) and w.victim_noun.search(s.norm, 0, s.offsets[k]):
        return _Reading({"victims_identified"}, True)
    base = max(0, s.offsets[k] - _LEFT_CHARS)
    cues = _left_cues(w, left, base)
    found = cues.metrics
    if "registered" in found:
        found.discard("registered")
        if w.cases_noun.match(right):
            found.add("investigations")
    if "victims_identified" in found and not (cues.phrase or w.victim_noun.match(right)):
        found.discard("victims_identified")
    if not found or not (cues.close or w.follower.match(right) or w.allowed_noun.match(right)):
        return _Reading(set(), False)
    if cues.end in used and _OF.search(left):
        # "convicted 3 people for the trafficking of 20 workers": the cue has its number.
        return _Reading(set(), True)
    used.add(cues.end)
    return _Reading({m for m in _METRIC_NAMES if m in found}, True)


def _near(w: _Words, right: str) -> str:
    window = w.form_window.match(right)
    return window.group(0) if window else ""


def _form(w: _Words, right: str) -> Form | None:
    near = _near(w, right)
    sex, labor = w.sex.search(near), w.labor.search(near)
    if sex and labor and abs(sex.start() - labor.start()) > _FORM_APART:
        return "sex" if sex.start() < labor.start() else "labor"
    if bool(sex) != bool(labor):
        return "sex" if sex else "labor"
    return None


def _label_form(w: _Words, left: str) -> Form | None:
    """The form a label before the number gives ("forced labour: 7")."""
    m = w.form_label.search(left) if left.endswith(_SEPARATORS) else None
    if not m:
        return None
    return "sex" if m.group("sex") else "labor"


def _period(w: _Words, s: _Sentence, k: int) -> Period | None:
    """'previous' when the number is given for comparison, else None (not said)."""
    left, right = s.left(k), s.right(k)
    near = _near(w, right)
    if w.compare.search(left) or w.previous_phrase.match(near) or w.previous_left.search(left):
        return "previous"
    if w.compare_weak.search(left) and (w.year_after.match(near) or w.weak_after.search(left)):
        return "previous"
    if w.previous_clause.search(left):
        return "previous"
    if w.range_left.search(left) and w.range_right.match(right):
        return "previous"  # "from 62 to 75", "de 62 a 75"
    if w.last_year.match(near) and w.this_year.search(s.norm):
        return "previous"  # "38 this year, against 26 last year"
    return None


def _year(w: _Words, s: _Sentence, k: int) -> int | None:
    m = w.year_after.match(s.right(k))
    if m:
        return s.tokens[s.token_at(s.right_start(k) + m.end() - 2)].value
    for j in range(k - 1, -1, -1):
        if s.tokens[j].norm == "#y":
            return s.tokens[j].value
    return None


# A count since some year ("two convictions since 2008") is not a figure for a period.
_SINCE = re.compile(r"(?:[^ #]+ ){0,4}?(?:since|desde|depuis) #y")


def _excluded(w: _Words, s: _Sentence, k: int) -> bool:
    return bool(w.exclude_right.match(s.right(k)) or w.exclude_left.search(s.left(k)))


def _may_inherit(
    w: _Words, s: _Sentence, k: int, form: Form | None, period: Period | None, labelled: bool
) -> bool:
    right = s.right(k)
    if period == "previous":
        return bool(
            w.follower.match(right)
            or w.allowed_noun.match(right)
            or w.previous_phrase.match(_near(w, right))
        )
    if form is None:
        return False
    return labelled or bool(
        w.subset_follower.match(right)
        or w.subset_marker.match(right)
        or w.subset_before.search(s.left(k))
    )


def _anchor(here: list[_Found], before: list[_Found]) -> _Found | None:
    """The figure a bare number belongs to: the last current head figure of the sentence,
    else of the passage so far."""
    for pool in (here, before):
        for f in reversed(pool):
            if f.head and f.figure.period == "current":
                return f
    return None


# ---------------------------------------------------------------- one sentence


def _figure(
    s: _Sentence,
    k: int,
    text: str,
    metric: Metric,
    form: Form,
    period: Period,
    year: int | None = None,
) -> Figure:
    tok = s.tokens[k]
    return Figure(
        metric=metric,
        value=tok.value or 0,
        form=form,
        period=period,
        start=tok.start,
        end=tok.end,
        surface=text[tok.start : tok.end],
        evidence_start=s.start,
        evidence_end=s.end,
        year=year,
    )


def _read_number(
    w: _Words,
    s: _Sentence,
    k: int,
    text: str,
    here: list[_Found],
    before: list[_Found],
    used: set[int],
) -> list[_Found]:
    left = s.left(k)
    reading = _metrics_for(w, s, k, used)
    metrics, own = reading.metrics, reading.own
    label_form = _label_form(w, left)
    form = _form(w, s.right(k)) or reading.form or label_form
    period = _period(w, s, k)
    anchor = _anchor(here, before)
    if (
        period is None
        and here
        and here[-1].figure.period == "previous"
        and w.previous_chain.search(left)
    ):
        # "compared to 164 in 2022 and 150 in 2021": one more comparison.
        last = here[-1].figure
        period, metrics, form = "previous", {last.metric}, form or last.form
    elif (
        not metrics and here and here[-1].figure.period == "previous" and w.range_tail.search(left)
    ):
        # "from 9 in 2022 to 16 in 2023": the figure the range goes to.
        last = here[-1].figure
        metrics, form, own = {last.metric}, form or last.form, True
    elif not metrics:
        if own or anchor is None or not _may_inherit(w, s, k, form, period, bool(label_form)):
            return []
        metrics = {anchor.figure.metric}
    if form is None and period == "previous":
        # A comparison refers to the sentence's first figure of that metric (the total
        # before its breakdown: "45 cases (30 sex, 15 labor), compared with 30").
        first = next(
            (
                f
                for f in here
                if f.head and f.figure.period == "current" and f.figure.metric in metrics
            ),
            anchor,
        )
        if first is not None and first.figure.metric in metrics:
            form = first.figure.form
    if anchor is not None and period is None and not own:
        period = anchor.figure.period
    head = own and period != "previous"
    year = _year(w, s, k)
    return [
        _Found(_figure(s, k, text, metric, form or "total", period or "current", year), head)
        for metric in _METRIC_NAMES
        if metric in metrics
    ]


def _runs(w: _Words, s: _Sentence, numbers: list[int]) -> list[list[int]]:
    """Lists of numbers ended by "respectively" ("29, 15 and four respectively")."""
    runs: list[list[int]] = []
    run: list[int] = []
    for k in numbers:
        if run:
            gap = s.norm[s.right_start(run[-1]) - 1 : s.offsets[k]]
            if not _CHAIN.fullmatch(gap):
                run = []
        run.append(k)
        if len(run) > 1 and w.respectively.match(s.norm, s.right_start(k) - 1):
            runs.append(run)
            run = []
    return runs


def _respectively(
    w: _Words, s: _Sentence, run: list[int], text: str, here: list[_Found]
) -> list[_Found]:
    """Numbers given "respectively": for the figures before them when they are a comparison,
    else for the metric nouns named before them, in order."""
    first = run[0]
    after = s.right(run[-1])
    previous = bool(
        w.compare.search(s.left(first)) or w.previous_phrase.match(_near(w, after[15:]))
    )
    previous = previous or bool(w.previous_phrase.match(after))
    heads = [f for f in here if f.head and f.figure.start < s.tokens[first].start]
    if previous and len(heads) >= len(run):
        targets = [(f.figure.metric, f.figure.form) for f in heads[-len(run) :]]
    else:
        named = [_group_metric(m) for m in w.nouns.finditer(s.norm, 0, s.offsets[first])]
        if len(named) < len(run):
            return []
        targets = [(metric, "total") for metric in named[-len(run) :]]
    period: Period = "previous" if previous else "current"
    return [
        _Found(_figure(s, k, text, metric, form, period), not previous)
        for k, (metric, form) in zip(run, targets, strict=True)
    ]


def _zero(
    w: _Words, s: _Sentence, m: re.Match[str], metrics: set[Metric], text: str
) -> list[_Found]:
    if "victims_identified" in metrics and "identif" not in s.norm:
        metrics.discard("victims_identified")
    tok = s.tokens[s.token_at(m.start("zero"))]
    form = _form(w, s.norm[m.end() :])
    return [
        _Found(
            Figure(
                metric=metric,
                value=0,
                form=form or "total",
                period="current",
                start=tok.start,
                end=tok.end,
                surface=text[tok.start : tok.end],
                evidence_start=s.start,
                evidence_end=s.end,
            ),
            form is None,
        )
        for metric in _METRIC_NAMES
        if metric in metrics
    ]


def _zeros(w: _Words, s: _Sentence, text: str) -> list[_Found]:
    """Figures of value 0: "no convictions", "did not convict any traffickers", "ninguna
    condena", "n'a condamné aucun trafiquant"."""
    out: list[_Found] = []
    for m in w.zero_noun.finditer(s.norm):
        metrics = {_group_metric(n) for n in w.zero_nouns.finditer(m.group("nouns"))}
        out.extend(_zero(w, s, m, metrics, text))
    for m in w.zero_verb.finditer(s.norm):
        cues = [c.lastgroup for c in w.cue.finditer(m.group("verbs"))]
        metrics = {c for c in _METRIC_NAMES if c in cues}
        if m.group("after") and "stop" not in cues:
            metrics |= {_group_metric(n) for n in w.nouns.finditer(m.group("after"))}
        out.extend(_zero(w, s, m, metrics, text))
    return out


def _masked(w: _Words, s: _Sentence) -> tuple[_Sentence, list[int]]:
    """The sentence with each number that counts nothing (an age, a sum, a sentence length)
    written `~`, so that it neither ends a window nor passes for a figure; and the indices of
    the other numbers."""
    keep: list[int] = []
    norm = list(s.norm)
    for k, tok in enumerate(s.tokens):
        if tok.norm == "#":
            if tok.value != 0 and _excluded(w, s, k):
                norm[s.offsets[k]] = "~"
            else:
                keep.append(k)
    return _Sentence(s.tokens, "".join(norm), s.offsets), keep


def _read_sentence(w: _Words, s: _Sentence, text: str, before: list[_Found]) -> list[_Found]:
    here = sorted(_zeros(w, s, text), key=lambda f: f.figure.start)
    zeros = {f.figure.start for f in here}
    s = _with_zero_words(w, s, zeros)
    s, numbers = _masked(w, s)
    runs = _runs(w, s, numbers) if w.respectively.search(s.norm) else []
    in_runs = {k for run in runs for k in run}
    used: set[int] = set()
    for k in numbers:
        if k in in_runs or s.tokens[k].start in zeros or _SINCE.match(_near(w, s.right(k))):
            continue
        here.extend(_read_number(w, s, k, text, here, before, used))
    for run in runs:
        here.extend(_respectively(w, s, run, text, sorted(here, key=lambda f: f.figure.start)))
    here.sort(key=lambda f: f.figure.start)
    return here


def _with_zero_words(w: _Words, s: _Sentence, zeros: set[int]) -> _Sentence:
    """The sentence with each word that counts nobody as a number 0: "none" or "aucun" on
    its own ("and none for labour trafficking", "aucun exploitant n'a été poursuivi"), and
    "one" after a negation ("not one trafficker was convicted")."""
    if not w.zero_word_hint.search(s.norm):
        return s
    tokens = list(s.tokens)
    changed = False
    for i, tok in enumerate(tokens):
        if tok.start in zeros:
            continue
        if tok.value == 1 and i and w.neg_one.fullmatch(tokens[i - 1].norm):
            tokens[i] = tok._replace(value=0)
            changed = True
        elif tok.value is None and w.nobody.fullmatch(tok.norm):
            tokens[i] = _Token("#", tok.start, tok.end, 0)
            changed = True
    return _sentence(tokens) if changed else s


# ---------------------------------------------------------------- the passage


def _settle(found: list[_Found]) -> list[Figure]:
    """Of two current figures for one metric and form with different years, the earlier is
    a previous one; one figure per metric, form and period in a sentence (the first); each
    (metric, form, period, value) once in the passage."""
    latest: dict[tuple[str, str], int] = {}
    for f in found:
        fig = f.figure
        if fig.year is not None and fig.period == "current":
            key = (fig.metric, fig.form)
            latest[key] = max(latest.get(key, fig.year), fig.year)
    out: list[Figure] = []
    per_sentence: set[tuple[int, str, str, str, int | None]] = set()
    per_passage: set[tuple[str, str, str, int]] = set()
    for f in found:
        fig = f.figure
        top = latest.get((fig.metric, fig.form))
        if fig.period == "current" and fig.year is not None and top and fig.year < top:
            fig = replace(fig, period="previous")
        # Comparisons with different years may share a sentence ("164 in 2022 and 150 in 2021").
        year = fig.year if fig.period == "previous" else None
        in_sentence = (fig.evidence_start, fig.metric, fig.form, fig.period, year)
        in_passage = (fig.metric, fig.form, fig.period, fig.value)
        if in_sentence in per_sentence or in_passage in per_passage:
            continue
        per_sentence.add(in_sentence)
        per_passage.add(in_passage)
        out.append(fig)
    return out


def _find(text: str, language: str) -> tuple[Figure, ...]:
    w = _words(language)
    folded = fold(text)
    if not w.any_cue.search(folded):
        return ()
    found: list[_Found] = []
    for span in _sentence_spans(folded, text):
        if not w.any_cue.search(folded, *span):
            continue
        at = span[0]
        numbers = [
            NumberMatch(n.start + at, n.end + at, n.value, n.words)
            for n in find_numbers(text[at : span[1]], language)
        ]
        tokens = _tokens(text, folded, span, numbers)
        if tokens:
            found.extend(_read_sentence(w, _sentence(tokens), text, found))
    return tuple(_settle(found))


def find_figures(text: str, language: str) -> list[Figure]:
    """The law-enforcement figures in `text`, in order of position.

    `language` is "en", "es" or "fr"; for any other value each is tried and the reading
    that finds most figures is kept.
    """
    if language in _LEXICONS:
        return list(_find(text, language))
    best: tuple[Figure, ...] = ()
    for candidate in LANGUAGES:
        figures = _find(text, candidate)
        if len(figures) > len(best):
            best = figures
    return list(best)
