/** Questions only about another country's rules or tariffs get no Chinese verdict, but a pointer to who decides. */
import { describe, expect, it } from 'vitest';
import { msg, newAssistant } from '../support/understanding.js';

describe('other countries\' rules', () => {
  it('answers a US tariff question with a pointer, not a Chinese verdict', () => {
    const reply = newAssistant().handle(msg('What Section 301 tariff applies when we import NdFeB magnets into the US?', 'sc1'));
    expect(reply.verdict).toBe('none');
    expect(reply.intent.name).toBe('out_of_scope');
    expect(reply.reasons.join(' ')).toMatch(/USTR/);
  });

  it('reads the question itself: "separate from the Chinese side, do we need a BAFA licence?" is about BAFA', () => {
    const reply = newAssistant().handle(msg('Separate from the Chinese side: do we need a BAFA licence to send SmCo magnets from our Hamburg warehouse to Switzerland?', 'sc2'));
    expect(reply.verdict).toBe('none');
    expect(reply.reasons.join(' ')).toMatch(/BAFA/);
  });

  it('reads EU member states\' licensing authorities by their own names (ISP, CDIU) as EU controls (forty-second session)', () => {
    for (const [text, id] of [
      ['Will the ISP licence (Inspektionen för strategiska produkter) cover our sonar module going from Malmö to Brazil?', 'sc-isp'],
      ['Does CDIU have to approve our SmCo rotor shipment from Eindhoven to Turkey?', 'sc-cdiu'],
    ] as const) {
      const reply = newAssistant().handle(msg(text, id));
      expect(reply.verdict).toBe('none');
      expect(reply.reasons.join(' ')).toMatch(/member state's authority/);
    }
  });

  it('points any other country\'s licence named by its country to that country ("a French export licence")', () => {
    const reply = newAssistant().handle(msg('Do we need a French export licence to send SmCo rings from our Lyon site to Morocco?', 'sc4'));
    expect(reply.verdict).toBe('none');
    expect(reply.reasons.join(' ')).toMatch(/France/);
  });

  it('points an EU dual-use licence question to the member state\'s authority', () => {
    const reply = newAssistant().handle(msg('Is an EU dual-use licence needed for NdFeB blocks from Rotterdam to Serbia?', 'sc5'));
    expect(reply.verdict).toBe('none');
  });

  it('points another country\'s export duty or export ban to that country (seventeenth session, own phrasings)', () => {
    const duty = newAssistant().handle(msg('What export tax does Chile charge on copper concentrate from our Antofagasta mine?', 'sc6'));
    expect(duty.verdict).toBe('none');
    expect(duty.reasons.join(' ')).toMatch(/Chile/);
    const ban = newAssistant().handle(msg('Is the Philippine government still blocking exports of raw nickel ore?', 'sc7'));
    expect(ban.verdict).toBe('none');
  });

  it('points a US clean-vehicle tax-credit question to the US Treasury', () => {
    const reply = newAssistant().handle(msg('Will the foreign entity of concern rules cost our Mexican battery modules with Chinese graphite the clean vehicle credit?', 'sc8'));
    expect(reply.verdict).toBe('none');
    expect(reply.reasons.join(' ')).toMatch(/Treasury/);
  });

  it('points any government\'s tax credits and the US FCC\'s radio certification to whoever decides them (thirty-second session, own phrasings)', () => {
    const credit = newAssistant().handle(msg('Is there an investment tax credit in Australia for building a magnet recycling line?', 'sc-tax'));
    expect(credit.verdict).toBe('none');
    expect(credit.reasons.join(' ')).toMatch(/tax advisers/);
    const fcc = newAssistant().handle(msg('Our smart speaker has wifi only. Does it need an FCC ID before we sell it in Texas?', 'sc-fcc'));
    expect(fcc.verdict).toBe('none');
    expect(fcc.reasons.join(' ')).toMatch(/conformity/);
  });

  it('points a question about a host country\'s screening of foreign investment to that authority (own phrasing)', () => {
    const reply = newAssistant().handle(msg('A Chinese state fund wants 20 % of our lithium junior. Does this need CFIUS review, and how long does it take?', 'sc-fdi'));
    expect(reply.verdict).toBe('none');
    expect(reply.reasons.join(' ')).toMatch(/legal team/);
  });

  it('still decides a question that asks for the Chinese licence, whatever else it mentions', () => {
    const reply = newAssistant().handle(msg('We ship Dy magnets from Ningbo to Hamburg. Do we need a Chinese licence? BAFA is handled separately.', 'sc3'));
    expect(reply.verdict).toBe('license_required');
  });
});

describe('questions for a colleague about something else', () => {
  it('puts "who do I ask about the rota?" out of scope, and opens no case', () => {
    const reply = newAssistant().handle(msg('Who should I ask about the holiday rota at the Lyon office?', 'sc4'));
    expect(reply.intent.name).toBe('out_of_scope');
    expect(reply.escalation.caseId).toBeUndefined();
  });

  it('still hands a request for compliance to a person', () => {
    expect(newAssistant().handle(msg('Could someone in compliance look at this for me?', 'sc5')).intent.name).toBe('talk_to_human');
  });

  it('answers an unrelated question after a decision on its own, even when it names a plant', () => {
    const a = newAssistant();
    a.handle(msg('Loose Tb magnets from Xiamen to our Brno plant, licence?', 'sc6'));
    const reply = a.handle(msg('thanks. unrelated: who runs the parking permits at the Brno plant?', 'sc6'));
    expect(reply.verdict).toBe('none');
  });
});

describe('the EU Critical Raw Materials Act (own phrasing)', () => {
  it('is another regime\'s rule: no Chinese verdict, a pointer', () => {
    const r = newAssistant('2026-05-01T09:00:00Z').handle(msg('What reporting does the Critical Raw Materials Act require for our NdFeB stock in Spain?', 'crma'));
    expect(r.verdict).toBe('none');
    expect(r.headline).toContain('Critical Raw Materials Act');
  });
});

describe('another country\'s licence named by the country\'s name (eighteenth session, own phrasings)', () => {
  it('points "a US export licence" and "a US BIS licence" to the US authorities', () => {
    for (const text of ['Is a US export licence needed to ship our pump controllers from Texas to a distributor in Guangzhou?', 'Would a US BIS export licence be needed for our Ohio-made drives going to Tianjin?']) {
      const r = newAssistant().handle(msg(text, 'sc9'));
      expect(r.verdict).toBe('none');
      expect(r.headline).toContain("the United States' export controls");
    }
  });

  it('keeps a country named at the end of a sentence a place: "… to Malaysia. Export licence?" is a Chinese question', () => {
    const r = newAssistant().handle(msg('Terbium oxide from Baotou to a phosphor plant in Malaysia. Export licence?', 'sc10'));
    expect(r.verdict).toBe('license_required');
  });

  it('reads "our US law firm" as a party, not as US rules', () => {
    const r = newAssistant().handle(msg('Our US law firm asks whether gadolinium oxide from Ganzhou to our Texas plant needs a licence.', 'sc11'));
    expect(r.verdict).toBe('license_required');
  });
});

describe('a foreign partner "side" that acts is a party, not its country\'s rules (eighteenth session, own phrasing)', () => {
  it('decides "the Italian side wants our separation flowsheet sent to Milan" on China\'s rules', () => {
    const r = newAssistant('2026-08-01T09:00:00Z').handle(msg('Our Ganzhou JV has an Italian partner. The Italian side wants our rare-earth separation flowsheet sent to Milan. Can we do that?', 'sc12'));
    expect(r.verdict).not.toBe('none');
    expect(['prohibited', 'escalate']).toContain(r.verdict);
  });
});

describe('EU and US product, import and supply-chain rules (eighteenth session, own phrasings)', () => {
  it('points CBAM, RoHS and UFLPA questions to whoever decides them', () => {
    const asks = [
      ['Does CBAM reporting cover the ferrite motors our Spanish plant imports from Ningbo?', /CBAM/],
      ['Are the SmCo sensors we bring into Poland in scope of RoHS?', /RoHS/],
      ['Could UFLPA hold up our NdFeB magnets at the US border?', /UFLPA/],
    ] as const;
    for (const [text, pointer] of asks) {
      const r = newAssistant().handle(msg(text, 'sc14'));
      expect(r.verdict).toBe('none');
      expect(r.reasons.join(' ')).toMatch(pointer);
    }
  });
});

describe('product conformity and a country\'s measure in the possessive (nineteenth session, own phrasings)', () => {
  it('points a question about CE marking or UKCA for imported motors to product compliance', () => {
    for (const [text, id] of [
      ['Do the servo motors we import from Shenzhen need CE marking before they go on sale in Spain?', 'pc1'],
      ['Which UKCA paperwork do we need to bring Chinese fans into the UK?', 'pc2'],
    ] as const) {
      const r = newAssistant().handle(msg(text, id));
      expect(r.verdict).toBe('none');
      expect(r.reasons.join(' ')).toMatch(/conformity/i);
    }
  });

  it('points "Does Indonesia\'s ban on ore exports cover our nickel?" to Indonesia\'s rules', () => {
    const r = newAssistant().handle(msg("We buy concentrate from a mine in Sulawesi. Does Indonesia's ban on ore exports cover it?", 'pc3'));
    expect(r.verdict).toBe('none');
  });
});

describe('another country\'s ministry, licensing authority or import licence (twenty-first session, own phrasings)', () => {
  it('points a licence from a foreign ministry to that country', () => {
    const r = newAssistant().handle(msg('Which permit does the Kazakh ministry of trade want before our rare-earth concentrate leaves Almaty?', 'sc21a'));
    expect(r.verdict).toBe('none');
    expect(r.headline).toContain('Kazakhstan');
  });

  it('points a question about METI, Japan\'s export licensing ministry, to Japanese export controls, by name alone', () => {
    const r = newAssistant().handle(msg('What does METI ask of us before our Nagoya warehouse resends Chinese SmCo rings to Manila?', 'sc21c'));
    expect(r.verdict).toBe('none');
    expect(r.reasons.join(' ')).toMatch(/FEFTA/);
  });

  it('points India\'s DGFT and an import licence elsewhere', () => {
    for (const text of ['Is our NdFeB shipment to Chennai on the SCOMET list, so that DGFT must approve it?', 'Do we need an import licence in Brazil for samarium-cobalt magnets?']) {
      expect(newAssistant().handle(msg(text, 'sc21b')).verdict).toBe('none');
    }
  });

  it('points Australia\'s defence export permits (DTCA, DSGL) and Canada\'s export permits elsewhere', () => {
    for (const text of ['Is a DEC permit needed to send our SmCo-based sonar units from Adelaide to Japan?', 'Our gimbal assembly is on the DSGL; what do we file before it leaves Perth for Singapore?', 'Does the Export and Import Permits Act require a permit for our magnet assemblies leaving Montreal for Germany?']) {
      const r = newAssistant().handle(msg(text, 'sc21au'));
      expect(r.verdict).toBe('none');
      expect(r.headline).toMatch(/another country's export or import licensing/);
    }
  });

  it('points Korea\'s strategic-items licensing (전략물자, KOSTI) and Taiwan\'s SHTC list elsewhere', () => {
    for (const text of ['Our Incheon plant sends gimbal motors to a customer in Haifa; is a strategic items permit needed from KOSTI?', '이 센서 모듈 전략물자 판정 필요한가요? shipping to Tel Aviv', 'Is our encoder on the SHTC list before it leaves Taichung for Detroit?', '這批編碼器算不算戰略性高科技貨品? It goes from Taichung to Detroit']) {
      expect(newAssistant().handle(msg(text, 'sc21d')).verdict).toBe('none');
    }
  });

  it('still decides the Chinese export when the question names both licences', () => {
    const r = newAssistant().handle(msg('Dy oxide from Ganzhou to Chennai: do we need a Chinese export licence as well as the Indian import licence?', 'sc21c'));
    expect(r.verdict).toBe('license_required');
  });
});

describe('a permit from another country\'s authorities (twenty-second session, own phrasing)', () => {
  it('points a question about a permit from the Peruvian authorities to Peru\'s own rules', () => {
    const reply = newAssistant().handle(msg('Do we need an export permit from the Peruvian authorities to send our zinc concentrate to Tianjin?', 'sc-pe'));
    expect(reply.verdict).toBe('none');
    expect(reply.intent.name).toBe('out_of_scope');
  });

  it('keeps approval from the Chinese authorities a question Lodestone decides', () => {
    const reply = newAssistant().handle(msg('Do we need approval from the Chinese authorities to ship Dy magnets from Ningbo to Poland?', 'sc-cn'));
    expect(reply.verdict).toBe('license_required');
  });
});

describe('a country that requires its own export permit (twenty-second session, own phrasing)', () => {
  it('points "does Canada require an export permit for …" to Canada\'s rules', () => {
    const reply = newAssistant().handle(msg('Does Canada require an export permit for our monazite concentrate shipped to Estonia?', 'sc-ca'));
    expect(reply.verdict).toBe('none');
  });

  it('points "does Brazil have its own export licence for …" to Brazil\'s rules (twenty-third session)', () => {
    const reply = newAssistant().handle(msg('A buyer wonders whether Brazil has its own export licence for monazite sand. Do you know?', 'sc-br'));
    expect(reply.verdict).toBe('none');
    expect(reply.headline).toContain('Brazil');
  });

  it('points "does Sweden need an export licence for that?" to Sweden\'s rules, not to Sweden as a destination (forty-eighth session)', () => {
    const reply = newAssistant().handle(msg('We sell used wind-turbine gearboxes to a park in Inner Mongolia. Does Sweden need an export licence for that?', 'sc-se'));
    expect(reply.verdict).toBe('none');
    expect(reply.headline).toContain('Sweden');
  });

  it('keeps a country that has goods as a place of the goods, not a regime', () => {
    const reply = newAssistant().handle(msg('Our plant in Brazil has Dy magnets from Ningbo in stock. Can we send 50 kg to Chile?', 'sc-br2'));
    expect(reply.verdict).not.toBe('none');
  });
});

describe('duties and taxes on goods, any country (twenty-seventh session, own phrasings)', () => {
  it('points a question about duty and sales tax to customs, naming no US agency', () => {
    const reply = newAssistant().handle(msg('How much import duty and sales tax will Kenya charge on our Chinese solar inverters?', 'sc20'));
    expect(reply.verdict).toBe('none');
    expect(reply.reasons.join(' ')).not.toMatch(/USTR/);
  });
});

describe('the ear is not the EAR (twenty-seventh session, own phrasing)', () => {
  it('decides in-ear monitor magnets from China instead of pointing to US export controls', () => {
    const reply = newAssistant().handle(msg('Our in-ear monitor drivers use Dy NdFeB magnets from Xiamen. Does the Chinese supplier need a licence to ship them to us in Oslo?', 'sc21'));
    expect(reply.verdict).not.toBe('none');
  });

  it('still points a question under the US EAR to BIS', () => {
    const reply = newAssistant().handle(msg('Do our motors need a BIS licence under the EAR to go from Texas to Shenzhen?', 'sc22'));
    expect(reply.verdict).toBe('none');
  });
});
